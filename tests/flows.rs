//! Flows, pack manifests and pack references (API.md §6): the wire 0.4.13
//! writes, document order, duplicate node ids, YAML input, and the helpers.

use greentic_types::{
    ComponentCapabilities, ComponentId, ComponentManifest, ComponentProfiles, Flow, FlowKind,
    FlowValidationError, Node, NodeId, PackComponentRef, PackFlowRef, PackKind, PackManifest,
    PackRef, SemverReq, Signature, SignatureAlgorithm,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/flows")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn node_ids(flow: &Flow) -> Vec<&str> {
    flow.nodes.keys().map(NodeId::as_str).collect()
}

fn component(id: &str, supports: &[FlowKind], supported_profiles: &[&str]) -> ComponentManifest {
    ComponentManifest {
        id: ComponentId::new(id).unwrap(),
        version: semver::Version::new(1, 0, 0),
        supports: supports.to_vec(),
        world: "greentic:component/node@1.0.0".into(),
        profiles: ComponentProfiles {
            default: None,
            supported: supported_profiles.iter().map(|s| s.to_string()).collect(),
        },
        capabilities: ComponentCapabilities::default(),
        configurators: None,
    }
}

// ---------------------------------------------------------------- flow wire

#[test]
fn a_flow_as_0413_writes_it_reads_and_writes_back_byte_for_byte() {
    // Field order as declared (kind, id, description, nodes; node: kind,
    // profile, component, config, routing), `config`/`routing` always written.
    let text = concat!(
        r#"{"kind":"messaging","id":"support","description":"Answers","nodes":{"#,
        r#""start":{"kind":"component","profile":"fast","component":"greentic.router","config":{"a":1,"b":[true,null]},"routing":["end"]},"#,
        r#""end":{"kind":"reply","config":null,"routing":null}}}"#
    );
    let flow: Flow = serde_json::from_str(text).unwrap();
    assert_eq!(flow.kind, FlowKind::Messaging);
    assert_eq!(flow.description.as_deref(), Some("Answers"));
    let start = &flow.nodes["start"];
    assert_eq!(start.profile.as_deref(), Some("fast"));
    assert_eq!(start.component.as_ref().unwrap(), "greentic.router");
    assert_eq!(start.routing, json!(["end"]));
    assert_eq!(serde_json::to_string(&flow).unwrap(), text);
}

#[test]
fn node_config_and_routing_read_as_null_when_absent_and_are_always_written() {
    let node: Node = serde_json::from_value(json!({"kind": "reply"})).unwrap();
    assert_eq!((&node.config, &node.routing), (&Value::Null, &Value::Null));
    assert_eq!(
        serde_json::to_value(&node).unwrap(),
        json!({"kind": "reply", "config": null, "routing": null})
    );
    // Any JSON value is accepted as is.
    let node: Node =
        serde_json::from_value(json!({"kind": "x", "config": "text", "routing": 3})).unwrap();
    assert_eq!((node.config, node.routing), (json!("text"), json!(3)));
}

#[test]
fn node_kind_is_required_and_options_are_omitted_when_absent() {
    let err = serde_json::from_value::<Node>(json!({"component": "c"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `kind`");
    let node: Node = serde_json::from_value(json!({"kind": "x", "profile": null})).unwrap();
    assert_eq!((node.profile, node.component), (None, None));
}

#[test]
fn flow_nodes_default_to_empty_and_are_always_written() {
    let flow: Flow = serde_json::from_value(json!({"kind": "events", "id": "f"})).unwrap();
    assert!(flow.is_empty());
    assert_eq!(
        serde_json::to_value(&flow).unwrap(),
        json!({"kind": "events", "id": "f", "nodes": {}}),
        "`description` omitted when absent, `nodes` written even empty"
    );
    let err = serde_json::from_value::<Flow>(json!({"id": "f"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `kind`");
    let err = serde_json::from_value::<Flow>(json!({"kind": "events"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `id`");
}

#[test]
fn flow_kind_is_a_snake_enum_and_unknown_kinds_are_rejected() {
    for (kind, text) in [
        (FlowKind::Messaging, "messaging"),
        (FlowKind::Events, "events"),
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<FlowKind>(json!(text)).unwrap(),
            kind
        );
        assert_eq!(kind.as_str(), text);
    }
    let err = serde_json::from_value::<FlowKind>(json!("Messaging")).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown variant `Messaging`"),
        "{err}"
    );
}

// ------------------------------------------------------ order and duplicates

#[test]
fn flow_nodes_keep_document_order_through_a_json_round_trip() {
    let ids = ["zeta", "alpha", "mid", "beta", "a1", "Z"];
    let mut text = String::from(r#"{"kind":"events","id":"f","nodes":{"#);
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#""{id}":{{"kind":"k{i}"}}"#));
    }
    text.push_str("}}");
    let flow: Flow = serde_json::from_str(&text).unwrap();
    assert_eq!(node_ids(&flow), ids);
    assert_eq!(flow.ingress().map(|(id, _)| id.as_str()), Some("zeta"));

    let written = serde_json::to_string(&flow).unwrap();
    let positions: Vec<usize> = ids
        .iter()
        .map(|id| written.find(&format!("\"{id}\":{{")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{written}");
    let again: Flow = serde_json::from_str(&written).unwrap();
    assert_eq!(node_ids(&again), ids);
}

#[test]
fn a_yaml_flow_reads_in_document_order_and_round_trips_through_json_and_yaml() {
    let flow: Flow = serde_norway::from_str(&fixture("support.ygtc")).unwrap();
    let order = ["start", "triage", "escalate", "answer"];
    assert_eq!(node_ids(&flow), order);
    assert_eq!(
        flow.nodes["triage"].config,
        json!({"model": "small", "temperature": 0})
    );
    assert_eq!(flow.nodes["triage"].routing, json!(["answer", "escalate"]));

    let from_json: Flow = serde_json::from_str(&fixture("support.json")).unwrap();
    assert_eq!(
        from_json, flow,
        "the YAML and JSON fixtures are the same flow"
    );
    assert_eq!(node_ids(&from_json), order);

    let yaml = serde_norway::to_string(&flow).unwrap();
    let back: Flow = serde_norway::from_str(&yaml).unwrap();
    assert_eq!(node_ids(&back), order, "{yaml}");
    let json = serde_json::to_string(&flow).unwrap();
    let back: Flow = serde_json::from_str(&json).unwrap();
    assert_eq!(node_ids(&back), order, "{json}");
    assert_eq!(back, flow);
}

#[test]
fn duplicate_node_ids_in_json_are_an_error_naming_the_id_and_its_pointer() {
    let err = serde_json::from_str::<Flow>(&fixture("bad/flow-duplicate-node.json")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("duplicate node id `a` at /nodes/a"), "{msg}");
    assert!(msg.contains("node ids must be unique"), "{msg}");
    assert_eq!(err.line(), 7, "reported where the repeat is");
}

#[test]
fn duplicate_node_ids_in_yaml_are_an_error_naming_the_id_and_its_pointer() {
    let err = serde_norway::from_str::<Flow>(&fixture("bad/flow-duplicate-node.ygtc")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("duplicate node id `a` at /nodes/a"), "{msg}");
}

#[test]
fn invalid_node_keys_are_rejected_with_their_pointer_and_the_id_rule() {
    let err = serde_json::from_str::<Flow>(&fixture("bad/flow-bad-node-key.json")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("invalid node id `not ok` at /nodes/not ok: NodeId must contain only ASCII letters, digits, '.', '-', '_'"),
        "{msg}"
    );
    let err = serde_norway::from_str::<Flow>("kind: events\nid: f\nnodes:\n  '':\n    kind: x\n")
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("invalid node id `` at /nodes/: NodeId must not be empty"),
        "{err}"
    );
    // YAML scalars that are not strings still name nodes, as text.
    let flow: Flow =
        serde_norway::from_str("kind: events\nid: f\nnodes:\n  123:\n    kind: x\n").unwrap();
    assert_eq!(node_ids(&flow), ["123"]);
}

#[test]
fn a_component_that_is_not_an_id_is_rejected() {
    let err = serde_json::from_str::<Flow>(&fixture("bad/flow-bad-component.json")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ComponentId must contain only ASCII letters, digits, '.', '-', '_'"),
        "{err}"
    );
}

#[test]
fn nodes_must_be_a_map() {
    for nodes in [json!(null), json!([]), json!("a")] {
        let err =
            serde_json::from_value::<Flow>(json!({"kind": "events", "id": "f", "nodes": nodes}))
                .unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a map of node ids to nodes"),
            "{err}"
        );
    }
}

// -------------------------------------------------------------- flow helpers

#[test]
fn ingress_is_the_first_node_and_an_empty_flow_has_none() {
    let flow: Flow = serde_json::from_str(&fixture("support.json")).unwrap();
    let (id, node) = flow.ingress().unwrap();
    assert_eq!((id.as_str(), node.kind.as_str()), ("start", "component"));
    assert!(!flow.is_empty());
    assert_eq!(flow.validate_structure(), Ok(()));

    let empty: Flow = serde_json::from_value(json!({"kind": "events", "id": "f"})).unwrap();
    assert!(empty.ingress().is_none());
    assert_eq!(
        empty.validate_structure(),
        Err(FlowValidationError::EmptyFlow)
    );
    assert_eq!(
        empty.validate_components(|_| None),
        Err(FlowValidationError::EmptyFlow)
    );
}

/// A flow with one problem of each kind, in this order: `a` has no component
/// (skipped), `b` names a component without `events` support and a profile it
/// lacks, `c` names a missing component, `d` asks for a profile its component
/// lacks, `e` is fine.
fn flow_with_problems() -> (Flow, Vec<ComponentManifest>) {
    let flow: Flow = serde_json::from_value(json!({
        "kind": "events",
        "id": "f",
        "nodes": {
            "a": {"kind": "reply"},
            "b": {"kind": "component", "component": "msg.only", "profile": "turbo"},
            "c": {"kind": "component", "component": "ghost"},
            "d": {"kind": "component", "component": "both", "profile": "Fast"},
            "e": {"kind": "component", "component": "both", "profile": "fast"}
        }
    }))
    .unwrap();
    let components = vec![
        component("msg.only", &[FlowKind::Messaging], &["safe"]),
        component("both", &[FlowKind::Messaging, FlowKind::Events], &["fast"]),
    ];
    (flow, components)
}

#[test]
fn validate_components_returns_the_first_problem_as_0413_did() {
    let (flow, components) = flow_with_problems();
    let resolve = |id: &ComponentId| components.iter().find(|c| &c.id == id);
    assert_eq!(
        flow.validate_components(resolve),
        Err(FlowValidationError::UnsupportedComponent {
            node_id: NodeId::new("b").unwrap(),
            component: ComponentId::new("msg.only").unwrap(),
            flow_kind: FlowKind::Events,
        })
    );

    // Without `b`, the missing component of `c` comes first.
    let mut flow = flow;
    flow.nodes.shift_remove("b");
    assert_eq!(
        flow.validate_components(resolve),
        Err(FlowValidationError::MissingComponent {
            node_id: NodeId::new("c").unwrap(),
            component: ComponentId::new("ghost").unwrap(),
        })
    );

    // Profiles are not checked by 0.4.13's method: `d` alone passes.
    flow.nodes.shift_remove("c");
    assert_eq!(flow.validate_components(resolve), Ok(()));
}

#[test]
fn validate_components_all_reports_every_problem_with_its_nodes_pointer() {
    let (flow, components) = flow_with_problems();
    let mut asked = Vec::new();
    let err = flow
        .validate_components_all(|id| {
            asked.push(id.to_string());
            components.iter().find(|c| &c.id == id)
        })
        .unwrap_err();
    let found: Vec<String> = err.as_slice().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "/nodes/b/component: component `msg.only` does not support `events` flows",
            "/nodes/b/profile: component `msg.only`: profile `turbo` is not supported; supported: [`safe`]",
            "/nodes/c/component: component `ghost` is not available",
            "/nodes/d/profile: component `both`: profile `Fast` is not supported; supported: [`fast`]",
        ]
    );
    assert_eq!(
        asked,
        ["msg.only", "ghost", "both", "both"],
        "nodes without a component are skipped"
    );

    let empty: Flow = serde_json::from_value(json!({"kind": "events", "id": "f"})).unwrap();
    let err = empty.validate_components_all(|_| None).unwrap_err();
    assert_eq!(err.to_string(), "/nodes: a flow needs at least one node");

    let (mut flow, components) = flow_with_problems();
    flow.nodes.retain(|id, _| id == "a" || id == "e");
    assert_eq!(
        flow.validate_components_all(|id| components.iter().find(|c| &c.id == id)),
        Ok(())
    );
}

#[test]
fn flow_validation_errors_name_the_ids_and_show_the_kind_in_debug_form() {
    let e = FlowValidationError::UnsupportedComponent {
        node_id: NodeId::new("n1").unwrap(),
        component: ComponentId::new("c1").unwrap(),
        flow_kind: FlowKind::Messaging,
    };
    let text = e.to_string();
    assert!(
        text.contains("`n1`") && text.contains("`c1`") && text.contains("Messaging"),
        "{text}"
    );
    let e = FlowValidationError::MissingComponent {
        node_id: NodeId::new("n2").unwrap(),
        component: ComponentId::new("c2").unwrap(),
    };
    assert_eq!(e.to_string(), "node `n2` references missing component `c2`");
    assert_eq!(
        FlowValidationError::EmptyFlow.to_string(),
        "flow has no nodes"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.to_string());
}

// -------------------------------------------------------------- pack manifest

#[test]
fn a_pack_manifest_as_0413_writes_it_reads_and_writes_back_value_for_value() {
    let doc: Value = serde_json::from_str(&fixture("pack.json")).unwrap();
    let manifest: PackManifest = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(
        manifest.version,
        semver::Version::parse("0.3.0-rc.1").unwrap()
    );
    assert_eq!(manifest.kind, Some(PackKind::Application));
    assert_eq!(
        manifest.components[0].version_req.as_str(),
        ">= 1.2, < 2",
        "kept verbatim"
    );
    assert_eq!(manifest.components[1].source, None);
    assert_eq!(serde_json::to_value(&manifest).unwrap(), doc);
}

#[test]
fn a_yaml_pack_manifest_reads_the_same_as_its_json_twin() {
    let yaml: PackManifest = serde_norway::from_str(&fixture("pack.yaml")).unwrap();
    let json: PackManifest = serde_json::from_str(&fixture("pack.json")).unwrap();
    assert_eq!(yaml, json);
    let again: PackManifest =
        serde_norway::from_str(&serde_norway::to_string(&yaml).unwrap()).unwrap();
    assert_eq!(again, yaml);
}

#[test]
fn pack_manifest_flows_and_components_default_to_empty_and_are_always_written() {
    let m: PackManifest = serde_json::from_value(json!({"id": "p", "version": "1.0.0"})).unwrap();
    assert!(m.flows.is_empty() && m.components.is_empty());
    assert_eq!(
        m,
        PackManifest::new("p".parse().unwrap(), semver::Version::new(1, 0, 0))
    );
    assert_eq!(
        serde_json::to_value(&m).unwrap(),
        json!({"id": "p", "version": "1.0.0", "flows": [], "components": []})
    );
    for missing in ["id", "version"] {
        let mut doc = json!({"id": "p", "version": "1.0.0"});
        doc.as_object_mut().unwrap().remove(missing);
        let err = serde_json::from_value::<PackManifest>(doc).unwrap_err();
        assert_eq!(err.to_string(), format!("missing field `{missing}`"));
    }
}

#[test]
fn pack_manifest_free_form_fields_read_null_as_absent_and_keep_any_value() {
    let m: PackManifest = serde_json::from_value(json!({
        "id": "p", "version": "1.0.0",
        "connectors": null, "profiles": null, "component_sources": null
    }))
    .unwrap();
    assert_eq!(
        (&m.connectors, &m.profiles, &m.component_sources),
        (&None, &None, &None)
    );
    assert!(
        serde_json::to_value(&m)
            .unwrap()
            .get("connectors")
            .is_none()
    );
    let m: PackManifest = serde_json::from_value(json!({
        "id": "p", "version": "1.0.0", "connectors": {"slack": {"team": "T1"}}, "profiles": [1, "x"]
    }))
    .unwrap();
    assert_eq!(m.connectors, Some(json!({"slack": {"team": "T1"}})));
    assert_eq!(m.profiles, Some(json!([1, "x"])));
}

#[test]
fn pack_kind_is_lowercase_and_unknown_kinds_are_rejected() {
    for (kind, text) in [
        (PackKind::Application, "application"),
        (PackKind::Deployment, "deployment"),
        (PackKind::Mixed, "mixed"),
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<PackKind>(json!(text)).unwrap(),
            kind
        );
    }
    assert!(
        serde_norway::from_str::<PackManifest>(&fixture("bad/pack-unknown-kind.yaml")).is_err()
    );
}

#[test]
fn pack_refs_validate_ids_and_version_requirements() {
    let r = PackComponentRef::new("c".parse().unwrap(), SemverReq::parse("~1.2").unwrap());
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"id": "c", "version_req": "~1.2"})
    );
    let err = serde_json::from_value::<PackComponentRef>(json!({"id": "c", "version_req": "v1"}))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("SemverReq must be a SemVer version requirement"),
        "{err}"
    );
    let f = PackFlowRef::new("main".parse().unwrap(), "flows/main.ygtc");
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"id": "main", "file": "flows/main.ygtc"})
    );
    assert!(serde_json::from_value::<PackFlowRef>(json!({"id": "a/b", "file": "x"})).is_err());
    assert!(serde_json::from_value::<PackFlowRef>(json!({"id": "a"})).is_err());
}

// ------------------------------------------------------------------- pack ref

#[test]
fn pack_ref_signatures_are_omitted_when_empty_and_read_as_empty_when_missing() {
    let r = PackRef::new(
        "oci://ghcr.io/a/b",
        semver::Version::new(1, 2, 3),
        "sha256:ab",
    );
    let doc = json!({"oci_url": "oci://ghcr.io/a/b", "version": "1.2.3", "digest": "sha256:ab"});
    assert_eq!(serde_json::to_value(&r).unwrap(), doc);
    assert_eq!(serde_json::from_value::<PackRef>(doc).unwrap(), r);
    // The digest is free text, as in 0.4.13.
    assert!(
        serde_json::from_value::<PackRef>(
            json!({"oci_url": "u", "version": "1.0.0", "digest": "not hex!"})
        )
        .is_ok()
    );
}

#[test]
fn signature_bytes_are_an_array_of_integers_and_base64_is_rejected() {
    let s = Signature::new("k1", SignatureAlgorithm::Ed25519, vec![0u8, 127, 255]);
    let doc = json!({"key_id": "k1", "algorithm": "ed25519", "signature": [0, 127, 255]});
    assert_eq!(serde_json::to_value(&s).unwrap(), doc);
    assert_eq!(serde_json::from_value::<Signature>(doc).unwrap(), s);
    let base64 = json!({"key_id": "k1", "algorithm": "ed25519", "signature": "AH//"});
    assert!(serde_json::from_value::<Signature>(base64).is_err());
    let too_big = json!({"key_id": "k1", "algorithm": "ed25519", "signature": [256]});
    assert!(serde_json::from_value::<Signature>(too_big).is_err());
}

#[test]
fn signature_algorithm_other_is_an_object_and_unknown_names_are_rejected() {
    let other = SignatureAlgorithm::Other("rsa-pss".into());
    assert_eq!(
        serde_json::to_value(&other).unwrap(),
        json!({"other": "rsa-pss"})
    );
    assert_eq!(
        serde_json::from_value::<SignatureAlgorithm>(json!({"other": "rsa-pss"})).unwrap(),
        other
    );
    assert!(serde_json::from_value::<SignatureAlgorithm>(json!("rsa")).is_err());
}

// -------------------------------------------------------------------- schemas

#[cfg(feature = "schema")]
mod schemas {
    use super::*;
    use greentic_types::registry;

    fn validator(slug: &str) -> jsonschema::Validator {
        let entry = registry::entry(slug).unwrap_or_else(|| panic!("{slug} is registered"));
        jsonschema::validator_for(&entry.schema()).unwrap()
    }

    #[test]
    fn the_flow_schema_accepts_0413_flows_and_rejects_invalid_node_keys() {
        let v = validator("flow");
        let good: Value = serde_json::from_str(&fixture("support.json")).unwrap();
        assert!(v.is_valid(&good));
        let bad: Value = serde_json::from_str(&fixture("bad/flow-bad-node-key.json")).unwrap();
        assert!(!v.is_valid(&bad), "node keys follow the NodeId rule");
        assert!(!v.is_valid(&json!({"kind": "batch", "id": "f"})));
        assert!(v.is_valid(&json!({"kind": "events", "id": "f"})));
    }

    #[test]
    fn the_pack_manifest_schema_accepts_0413_manifests_and_rejects_unknown_kinds() {
        let v = validator("pack-manifest");
        let good: Value = serde_json::from_str(&fixture("pack.json")).unwrap();
        assert!(v.is_valid(&good));
        assert!(v.is_valid(&json!({"id": "p", "version": "1.0.0", "connectors": null})));
        assert!(!v.is_valid(&json!({"id": "p", "version": "1.0.0", "kind": "library"})));
    }

    #[test]
    fn the_signature_schema_says_integer_array_not_base64() {
        let v = validator("signature");
        assert!(v.is_valid(&json!({"key_id": "k", "algorithm": "ed25519", "signature": [1, 255]})));
        assert!(!v.is_valid(&json!({"key_id": "k", "algorithm": "ed25519", "signature": "AQ=="})));
        assert!(!v.is_valid(&json!({"key_id": "k", "algorithm": "ed25519", "signature": [256]})));
    }
}
