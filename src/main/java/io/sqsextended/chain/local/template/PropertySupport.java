package io.sqsextended.chain.local.template;

import java.util.Set;

import io.sqsextended.chain.local.template.eval.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What local mode does with each property of a resource type: emulates it, logs it as of no effect, or refuses it. */
record PropertySupport(String type, String service, Set<String> emulated, Set<String> noLocalEffect) {

    // the category these messages always had, so existing logging configuration still applies
    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationTemplate.class);

    /** Whether {@code key} is emulated; a property without local effect is logged, any other one fails. */
    boolean emulates(String where, String key) {
        if (noLocalEffect.contains(key)) {
            LOG.debug("{}.{} is understood but has no effect on the local {}", where, key, service);
            return false;
        }
        if (!emulated.contains(key)) {
            throw new TemplateException(where + "." + key,
                    "property " + key + " of " + type + " cannot be emulated in local mode");
        }
        return true;
    }
}
