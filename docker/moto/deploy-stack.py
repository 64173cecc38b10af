"""The template deployed into moto as `aws cloudformation deploy` would, then the bucket notifications it declares, which
moto's CloudFormation leaves out: deploy-stack.py TEMPLATE STACK. boto3 (a dependency of moto) reaches moto through
AWS_ENDPOINT_URL; the template's parameters keep their defaults."""
import sys
import time

import boto3
import yaml

template_file, stack = sys.argv[1], sys.argv[2]


class TemplateLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short forms: !Ref X is {"Ref": X}, !GetAtt A.B is {"Fn::GetAtt": [A, B]}, !F is Fn::F."""


def short_form(loader, tag, node):
    value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else (
        loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node, deep=True))
    if tag == "Ref":
        return {"Ref": value}
    return {"Fn::" + tag: value.split(".", 1) if tag == "GetAtt" and isinstance(value, str) else value}


TemplateLoader.add_multi_constructor("!", lambda loader, suffix, node: short_form(loader, suffix, node))

with open(template_file) as f:
    body = f.read()
template = yaml.load(body, Loader=TemplateLoader)
cloudformation, s3, sqs = boto3.client("cloudformation"), boto3.client("s3"), boto3.client("sqs")

cloudformation.create_stack(StackName=stack, TemplateBody=body, Capabilities=["CAPABILITY_IAM"])
# moto creates a stack within the call; the SDK's waiter would poll every 30 s
for _ in range(300):
    described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    if described["StackStatus"] != "CREATE_IN_PROGRESS":
        break
    time.sleep(0.2)
if described["StackStatus"] != "CREATE_COMPLETE":
    sys.exit(f"stack {stack} not created: {described['StackStatus']} {described.get('StackStatusReason', '')}")

parameters = {name: str(p.get("Default", "")) for name, p in template.get("Parameters", {}).items()}
parameters.update({p["ParameterKey"]: p["ParameterValue"] for p in described.get("Parameters", [])})
physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
            for r in cloudformation.list_stack_resources(StackName=stack)["StackResourceSummaries"]}


def resolve(value):
    """Ref of a parameter or a resource, GetAtt of a queue's Arn: what the template's notifications use, nothing else."""
    if isinstance(value, dict) and "Ref" in value:
        return parameters[value["Ref"]] if value["Ref"] in parameters else physical[value["Ref"]]
    if isinstance(value, dict) and value.get("Fn::GetAtt", [None, None])[1] == "Arn":
        url = physical[value["Fn::GetAtt"][0]]
        return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    if isinstance(value, dict):
        raise SystemExit(f"deploy-stack.py cannot evaluate {value} in a NotificationConfiguration")
    return value


for logical, resource in template["Resources"].items():
    queues = resource.get("Properties", {}).get("NotificationConfiguration", {}).get("QueueConfigurations", [])
    if resource["Type"] == "AWS::S3::Bucket" and queues:
        s3.put_bucket_notification_configuration(Bucket=physical[logical], NotificationConfiguration={"QueueConfigurations": [{
            "QueueArn": resolve(q["Queue"]),
            "Events": [q["Event"]],
            "Filter": {"Key": {"FilterRules": [{"Name": r["Name"], "Value": resolve(r["Value"])} for r in q["Filter"]["S3Key"]["Rules"]]}},
        } for q in queues]})
        print(f"{physical[logical]}: notifications to {', '.join(resolve(q['Queue']) for q in queues)}")
print(f"stack {stack}: {described['StackStatus']}")
