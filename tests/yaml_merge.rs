//! YAML merge keys (`<<: *base`): the library's `check_yaml` applies them,
//! in document order, and refuses the merges it cannot apply faithfully,
//! naming the key; the CLI reads the same document (`tests/cli.rs`).
#![cfg(feature = "yaml")]

use greentic_types::registry::{self, Entry, yaml_merge_keys};
use serde_json::{Value, json};

fn flow() -> &'static Entry {
    registry::entry("flow").expect("flow is registered")
}

fn read(text: &str) -> Value {
    let canonical = flow()
        .check_yaml(text)
        .unwrap_or_else(|v| panic!("{text}\n{v}"));
    serde_json::from_str(&canonical).unwrap()
}

fn refused(text: &str) -> (String, String) {
    let violations = flow().check_yaml(text).unwrap_err();
    let first = violations.into_iter().next().expect("one violation");
    (first.path, first.message)
}

#[test]
fn a_node_inherits_what_it_does_not_say_itself() {
    let flow = read(
        "kind: messaging\nid: support\nnodes:\n  start: &base\n    kind: component\n    component: greentic.llm\n    profile: fast\n    config: {model: small}\n  second:\n    <<: *base\n    config: {model: big}\n",
    );
    assert_eq!(
        flow["nodes"]["second"],
        json!({"kind": "component", "component": "greentic.llm", "profile": "fast", "config": {"model": "big"}, "routing": null})
    );
}

#[test]
fn merges_inside_free_form_config_are_applied_too() {
    let flow = read(
        "kind: events\nid: f\nnodes:\n  a:\n    kind: x\n    config:\n      <<: {a: 1, b: 1}\n      b: 2\n",
    );
    assert_eq!(flow["nodes"]["a"]["config"], json!({"a": 1, "b": 2}));
}

#[test]
fn merged_keys_take_the_place_of_the_merge_key_so_node_order_is_the_texts() {
    let text = "kind: messaging\nid: support\nx-common: &common\n  first: {kind: component}\nnodes:\n  <<: *common\n  second: {kind: router}\n";
    let merged = yaml_merge_keys(text).unwrap().expect("a merge");
    let flow: greentic_types::Flow = serde_norway::from_value(merged).unwrap();
    let order: Vec<&str> = flow.nodes.keys().map(|k| k.as_str()).collect();
    assert_eq!(order, ["first", "second"]);
    assert_eq!(flow.ingress().map(|(id, _)| id.as_str()), Some("first"));
}

#[test]
fn own_keys_win_and_earlier_mappings_in_a_merge_list_win() {
    let merged = yaml_merge_keys("m:\n  a: 0\n  <<: [{a: 1, b: 1}, {b: 2, c: 2}]\n  d: 3\n")
        .unwrap()
        .unwrap();
    // Key order: own keys where they stand, merged ones at the `<<`.
    let keys: Vec<&str> = merged["m"]
        .as_mapping()
        .unwrap()
        .keys()
        .filter_map(serde_norway::Value::as_str)
        .collect();
    assert_eq!(keys, ["a", "b", "c", "d"]);
    let value: Value = serde_norway::from_value(merged).unwrap();
    assert_eq!(value["m"], json!({"a": 0, "b": 1, "c": 2, "d": 3}));
}

#[test]
fn a_merge_of_something_other_than_mappings_is_refused_at_its_pointer() {
    let (path, message) = refused("kind: events\nid: f\nnodes:\n  a:\n    <<: 5\n    kind: x\n");
    assert_eq!(path, "/nodes/a/<<");
    assert!(message.contains("mapping"), "{message}");
    let (path, _) = refused("kind: events\nid: f\nnodes:\n  a:\n    <<: [{kind: x}, 1]\n");
    assert_eq!(path, "/nodes/a/<<");
}

#[test]
fn a_repeated_key_beside_a_merge_is_refused_naming_it() {
    // A repeated node id: never merged silently, always named.
    let (_, message) = refused(
        "kind: messaging\nid: support\nbase: &b {kind: x, component: c1}\nnodes:\n  a:\n    <<: *b\n    component: c2\n  a: {kind: z}\n",
    );
    assert!(
        message.contains("duplicate") && message.contains("\"a\""),
        "{message}"
    );
    // Two merge keys in one mapping.
    let (_, message) =
        refused("kind: events\nid: f\nnodes:\n  a:\n    <<: {kind: x}\n    <<: {component: c}\n");
    assert!(message.contains("\"<<\""), "{message}");
    // Without a merge key a repeated node id is the typed read's, at its pointer.
    let (path, message) = refused("kind: events\nid: f\nnodes:\n  a: {kind: x}\n  a: {kind: y}\n");
    assert_eq!(path, "/nodes/a");
    assert!(message.contains("duplicate"), "{message}");
}

#[test]
fn merge_keys_in_every_yaml_form_are_applied() {
    let config = |tail: &str| {
        let flow = read(&format!(
            "kind: events\nid: f\nnodes:\n  a:\n    kind: x\n{tail}"
        ));
        flow["nodes"]["a"]["config"].clone()
    };
    // After a quoted value holding an escaped quote.
    assert_eq!(
        config("    config: {a: \"x\\\" \", <<: {m: 1}}\n"),
        json!({"a": "x\" ", "m": 1})
    );
    // An explicit key.
    assert_eq!(
        config("    config:\n      ? <<\n      : {m: 1}\n"),
        json!({"m": 1})
    );
    // Inside a flow sequence.
    assert_eq!(
        config("    config:\n      list: [<<: {m: 1}]\n"),
        json!({"list": [{"m": 1}]})
    );
    // After `- ` in a block sequence, with a tab.
    assert_eq!(
        config("    config:\n      list:\n        - <<:\t{m: 1}\n"),
        json!({"list": [{"m": 1}]})
    );
}

#[test]
fn a_merge_never_rewrites_a_scalar_silently() {
    // Without a merge, a plain scalar read as text is the text as written.
    let plain = read("kind: events\nid: f\ndescription: 1.10\nnodes:\n  a: {kind: x}\n");
    assert_eq!(plain["description"], "1.10");
    // With one, the document is read as YAML values: the number is refused
    // where text is expected, never turned into "1.1".
    let (path, message) =
        refused("kind: events\nid: f\ndescription: 1.10\nnodes:\n  a: {kind: x, <<: {}}\n");
    assert_eq!(path, "/description");
    assert!(
        message.contains("invalid type: floating point"),
        "{message}"
    );
    let quoted = read("kind: events\nid: f\ndescription: '1.10'\nnodes:\n  a: {kind: x, <<: {}}\n");
    assert_eq!(quoted["description"], "1.10");
}

#[test]
fn texts_without_merges_are_left_alone() {
    assert_eq!(yaml_merge_keys("a: 1\nb: '<<'\n").unwrap(), None);
    assert_eq!(yaml_merge_keys("a: [1, 2]\n").unwrap(), None);
    // `<<` in a comment or a string is no merge key: a repeated node id is
    // still named at its pointer.
    for text in [
        "# use <<: to merge\nkind: events\nid: f\nnodes:\n  a: {kind: x}\n  a: {kind: y}\n",
        "kind: events\nid: f\ndescription: 'a <<: b'\nnodes:\n  a: {kind: x}\n  a: {kind: y}\n",
    ] {
        assert_eq!(yaml_merge_keys(text).unwrap(), None, "{text}");
        let (path, message) = refused(text);
        assert_eq!(path, "/nodes/a", "{text}");
        assert!(message.contains("duplicate"), "{message}");
    }
    // A quoted "<<" key is a key like any other.
    let flow = read("kind: events\nid: f\nnodes:\n  a:\n    kind: x\n    config: {\"<<\": 5}\n");
    assert_eq!(flow["nodes"]["a"]["config"], json!({"<<": 5}));
    // A mapping merging itself: an error (the merge cannot be applied),
    // never a hang, and never a read that skips the merge.
    let (_, message) =
        refused("kind: events\nid: f\nnodes:\n  a:\n    kind: x\n    config: &b\n      <<: *b\n");
    assert!(
        message.contains("cannot be applied") && message.contains("recursion"),
        "{message}"
    );
}
