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
    let flow: greentic_types::Flow = serde_norway::from_str(&merged).unwrap();
    let order: Vec<&str> = flow.nodes.keys().map(|k| k.as_str()).collect();
    assert_eq!(order, ["first", "second"]);
    assert_eq!(flow.ingress().map(|(id, _)| id.as_str()), Some("first"));
}

#[test]
fn own_keys_win_and_earlier_mappings_in_a_merge_list_win() {
    let merged = yaml_merge_keys("m:\n  a: 0\n  <<: [{a: 1, b: 1}, {b: 2, c: 2}]\n  d: 3\n")
        .unwrap()
        .unwrap();
    let value: Value = serde_norway::from_str(&merged).unwrap();
    assert_eq!(value["m"], json!({"a": 0, "b": 1, "c": 2, "d": 3}));
    // Key order: own keys where they stand, merged ones at the `<<`.
    let keys: Vec<&str> = value["m"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["a", "b", "c", "d"]);
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
fn texts_without_merges_are_left_alone() {
    assert_eq!(yaml_merge_keys("a: 1\nb: '<<'\n").unwrap(), None);
    assert_eq!(yaml_merge_keys("a: [1, 2]\n").unwrap(), None);
    // A mapping merging itself, where it is read: an error, never a hang.
    let (path, message) =
        refused("kind: events\nid: f\nnodes:\n  a:\n    kind: x\n    config: &b\n      <<: *b\n");
    assert!(path.starts_with("/nodes/a/config"), "{path}");
    assert!(message.contains("recursion"), "{message}");
}
