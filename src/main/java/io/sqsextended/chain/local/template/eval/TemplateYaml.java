package io.sqsextended.chain.local.template.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads a CloudFormation template (YAML or JSON) into plain maps, lists and scalars, short-form tags expanded. */
public final class TemplateYaml {

    private TemplateYaml() {
    }

    public static Object load(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel("CloudFormation template")
                .setSchema(new CoreSchema()).build();
        try {
            return new Load(settings, new CfnConstructor(settings)).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new TemplateException("template", "not valid YAML or JSON: " + e.getMessage(), e);
        }
    }

    /** Turns {@code !Ref x} into {@code {Ref: x}}, {@code !Sub s} into {@code {Fn::Sub: s}}, and so on for any tag. */
    private static final class CfnConstructor extends StandardConstructor {

        CfnConstructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            String tag = node.getTag().getValue();
            if (!tag.startsWith("!") || tag.startsWith("!!")) {
                return super.findConstructorFor(node);
            }
            String name = tag.substring(1);
            // every unknown tag becomes Fn::<Tag> too, so the evaluator can name it in its error
            String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
            return Optional.of(n -> Map.of(key, name.equals("GetAtt") ? getAtt(n) : untagged(n)));
        }

        private Object getAtt(Node node) {
            Object value = untagged(node);
            if (value instanceof String s && s.indexOf('.') > 0) {
                // !GetAtt A.B.C names attribute "B.C" of resource A
                int dot = s.indexOf('.');
                return List.of(s.substring(0, dot), s.substring(dot + 1));
            }
            return value;
        }

        private Object untagged(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
