//! Editing the cluster stack's template: Outputs only. A subnet Output's value (a literal,
//! or `Fn::Join` of `Ref`s to subnet resources of the stack) becomes the literal list; the
//! Resources section is never touched (removing a subnet resource would delete it).

use serde_json::Value;

use super::plan::OutputChange;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("the stack's template is not JSON (eksctl writes JSON; this one was changed by hand)")]
    NotJson,
    #[error("the template has no Outputs.{0}")]
    NoOutput(String),
}

/// The new template body, and the export name of each changed Output.
pub fn with_outputs(
    body: &str,
    changes: &[OutputChange],
    stack_name: &str,
) -> Result<(String, Vec<String>), TemplateError> {
    let mut template: Value = serde_json::from_str(body).map_err(|_| TemplateError::NotJson)?;
    let resources_before = template.get("Resources").cloned();
    let mut exports = vec![];
    for change in changes {
        let output = template
            .get_mut("Outputs")
            .and_then(|o| o.get_mut(&change.key))
            .and_then(Value::as_object_mut)
            .ok_or_else(|| TemplateError::NoOutput(change.key.clone()))?;
        output.insert("Value".into(), Value::String(change.new.clone()));
        if let Some(name) = output
            .get("Export")
            .and_then(|e| e.get("Name"))
            .and_then(|n| export_name(n, stack_name))
        {
            exports.push(name);
        }
    }
    assert_eq!(
        template.get("Resources").cloned(),
        resources_before,
        "Outputs only"
    );
    Ok((
        serde_json::to_string(&template).expect("a JSON value serialises"),
        exports,
    ))
}

/// An export's name: a string, or eksctl's `{"Fn::Sub": "${AWS::StackName}::Key"}`.
fn export_name(name: &Value, stack_name: &str) -> Option<String> {
    match name {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("Fn::Sub")
            .and_then(Value::as_str)
            .map(|s| s.replace("${AWS::StackName}", stack_name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"Resources":{"SubnetPrivateA":{"Type":"AWS::EC2::Subnet","Properties":{"CidrBlock":"10.0.0.0/24"}}},
      "Outputs":{"SubnetsPrivate":{"Value":{"Fn::Join":[",",[{"Ref":"SubnetPrivateA"}]]},"Export":{"Name":{"Fn::Sub":"${AWS::StackName}::SubnetsPrivate"}}},
                 "VPC":{"Value":"vpc-1"}}}"#;

    #[test]
    fn refs_become_literals_and_resources_stay() {
        let change = OutputChange {
            key: "SubnetsPrivate".into(),
            old: "subnet-a".into(),
            new: "subnet-b,subnet-c".into(),
        };
        let (body, exports) = with_outputs(BODY, &[change], "eksctl-prod-cluster").unwrap();
        let t: Value = serde_json::from_str(&body).unwrap();
        let before: Value = serde_json::from_str(BODY).unwrap();
        assert_eq!(t["Outputs"]["SubnetsPrivate"]["Value"], "subnet-b,subnet-c");
        assert_eq!(t["Resources"], before["Resources"]);
        assert_eq!(t["Outputs"]["VPC"], before["Outputs"]["VPC"]);
        assert_eq!(exports, ["eksctl-prod-cluster::SubnetsPrivate"]);
    }

    #[test]
    fn a_yaml_template_or_a_missing_output_is_refused() {
        let change = OutputChange {
            key: "SubnetsPublic".into(),
            old: String::new(),
            new: "x".into(),
        };
        assert_eq!(
            with_outputs("Resources: {}", &[], "s").unwrap_err(),
            TemplateError::NotJson
        );
        assert_eq!(
            with_outputs(BODY, &[change], "s").unwrap_err(),
            TemplateError::NoOutput("SubnetsPublic".into())
        );
    }
}
