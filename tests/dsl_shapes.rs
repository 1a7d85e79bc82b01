//! Declarations plain serde accepts work through the DSL too, and every
//! violation pointer names what is on the wire.
//!
//! Each model here is a shape a downstream author writes: `Self` in a field,
//! `#[cfg]` fields and variants, container defaults with a check hook,
//! `cfg_attr(.., serde(..))`, other derives' helper attributes, `flatten`,
//! `transparent`, `rename_all_fields`, variant-level `rename_all` and
//! `untagged`, models inside every std container.

use std::collections::{BTreeMap, HashMap, VecDeque};

use greentic_types::{FlowId, Path, Validate, Violations, greentic_model};
use serde_json::json;

fn distinct(edge: &Edge, path: &Path<'_>, out: &mut Violations) {
    if edge.from == edge.to {
        out.push(&path.field("to"), "must differ from `from`");
    }
}

greentic_model! {
    /// An edge between two flows: a checked model.
    #[check = distinct]
    pub struct Edge {
        /// Source.
        pub from: FlowId,
        /// Target.
        pub to: FlowId,
    }
}

fn edge(from: &str, to: &str) -> Edge {
    Edge {
        from: FlowId::new(from).unwrap(),
        to: FlowId::new(to).unwrap(),
    }
}

fn pointers(v: &impl Validate) -> Vec<String> {
    v.validate()
        .err()
        .map(|e| e.into_iter().map(|v| v.path).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------- checked Deserialize

#[test]
fn checked_models_keep_their_name_in_serde_messages() {
    let err = serde_json::from_value::<Edge>(json!(7))
        .unwrap_err()
        .to_string();
    assert!(err.contains("struct Edge"), "{err}");
    assert!(!err.contains("Wire"), "{err}");
}

#[test]
fn checked_models_run_their_hook_on_input() {
    let err = serde_json::from_str::<Edge>(r#"{"from":"a","to":"a"}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("/to: must differ from `from`"),
        "{err}"
    );
    assert!(serde_json::from_str::<Edge>(r#"{"from":"a","to":"b"}"#).is_ok());
}

#[test]
fn ron_reads_a_checked_models_own_output() {
    // RON can write and check the struct's name: a checked model must accept its own.
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(&edge("a", "b"), config).unwrap();
    assert!(text.starts_with("Edge("), "{text}");
    assert_eq!(ron::from_str::<Edge>(&text).unwrap(), edge("a", "b"));
    assert_eq!(
        ron::from_str::<Edge>(&ron::to_string(&edge("a", "b")).unwrap()).unwrap(),
        edge("a", "b")
    );
    assert!(ron::from_str::<Edge>(r#"Other(from: "a", to: "b")"#).is_err());
}

fn no_cycle(node: &TreeNode, path: &Path<'_>, out: &mut Violations) {
    if node.next.as_ref().is_some_and(|n| n.name == node.name) {
        out.push(
            &path.field("next").field("name"),
            "must differ from its parent's name",
        );
    }
}

/// A type named like the old twin and the old generic parameter.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Wire(pub u8);

/// Another one.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct D(pub u8);

greentic_model! {
    /// A chain of nodes: `Self` in a field type, and fields of types named
    /// `Wire` and `D`.
    #[check = no_cycle]
    #[manual(generate)]
    pub struct TreeNode {
        /// Name.
        pub name: String,
        /// The next node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next: Option<Box<Self>>,
        /// A wire.
        #[serde(default)]
        pub wire: Option<Wire>,
        /// A d.
        #[serde(default)]
        pub d: Option<D>,
    }
}

#[test]
fn self_and_any_type_name_work_in_checked_models() {
    let doc = json!({"name": "a", "next": {"name": "b", "next": {"name": "b"}}, "wire": 1, "d": 2});
    let err = serde_json::from_value::<TreeNode>(doc)
        .unwrap_err()
        .to_string();
    assert!(err.contains("/next/name: must differ"), "{err}");
    let ok: TreeNode = serde_json::from_value(json!({"name": "a", "next": {"name": "b"}})).unwrap();
    assert_eq!(ok.next.as_ref().map(|n| n.name.as_str()), Some("b"));
}

fn positive(s: &Settings, path: &Path<'_>, out: &mut Violations) {
    if s.retries == 0 {
        out.push(&path.field("retries"), "must be at least 1");
    }
}

greentic_model! {
    /// Settings with a container default and a check hook.
    #[check = positive]
    #[serde(default)]
    #[cfg_attr(all(), serde(rename_all = "camelCase"))]
    pub struct Settings {
        /// How many retries.
        pub retries: u32,
        /// The display name.
        pub display_name: String,
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            retries: 3,
            display_name: "x".into(),
        }
    }
}

#[test]
fn container_defaults_and_cfg_attr_serde_apply_to_checked_models() {
    let s: Settings = serde_json::from_value(json!({})).unwrap();
    assert_eq!(s, Settings::default());
    let s: Settings = serde_json::from_value(json!({"displayName": "y"})).unwrap();
    assert_eq!((s.retries, s.display_name.as_str()), (3, "y"));
    // The model reads its own output (cfg_attr's rename_all reached the input side).
    let out = serde_json::to_value(&s).unwrap();
    assert_eq!(out, json!({"retries": 3, "displayName": "y"}));
    assert_eq!(serde_json::from_value::<Settings>(out).unwrap(), s);
    let err = serde_json::from_value::<Settings>(json!({"retries": 0})).unwrap_err();
    assert!(
        err.to_string().starts_with("/retries: must be at least 1"),
        "{err}"
    );
}

fn nonempty_label(l: &Labelled, path: &Path<'_>, out: &mut Violations) {
    if l.label.is_empty() {
        out.push(&path.field("label"), "must not be empty");
    }
}

greentic_model! {
    /// A checked model whose fields carry other derives' helper attributes.
    #[check = nonempty_label]
    pub struct Labelled {
        /// The label (with a schemars rule).
        #[schemars(length(min = 1))]
        pub label: String,
        /// The mode.
        #[serde(default)]
        pub mode: Mode,
    }

    /// A mode with a default variant (std's `#[default]` helper attribute).
    #[serde(rename_all = "snake_case")]
    #[derive(Default)]
    pub enum Mode {
        /// Quiet.
        #[default]
        Quiet,
        /// Loud.
        Loud,
    }
}

#[test]
fn other_derives_attributes_do_not_break_checked_models() {
    let l: Labelled = serde_json::from_value(json!({"label": "a"})).unwrap();
    assert_eq!(l.mode, Mode::Quiet);
    assert!(serde_json::from_value::<Labelled>(json!({"label": ""})).is_err());
}

// ---------------------------------------------------------------- #[cfg] on fields and variants

greentic_model! {
    /// A model with fields and variants that exist only under some cfg.
    pub struct Conditional {
        /// Always there.
        pub kept: Edge,
        /// Never compiled.
        #[cfg(any())]
        pub gone: NoSuchType,
        /// Compiled (`all()` is always true).
        #[cfg(all())]
        pub present: Option<Edge>,
    }

    /// Variants under cfg.
    #[serde(rename_all = "snake_case")]
    pub enum Switch {
        /// Always there.
        On(Edge),
        /// Never compiled.
        #[cfg(any())]
        Gone(NoSuchType),
        /// A struct variant with a cfg'd field.
        Off {
            /// Kept.
            why: Edge,
            /// Never compiled.
            #[cfg(any())]
            gone: NoSuchType,
        },
    }
}

#[test]
fn cfg_fields_and_variants_are_honoured() {
    let c = Conditional {
        kept: edge("a", "a"),
        present: Some(edge("b", "b")),
    };
    assert_eq!(pointers(&c), ["/kept/to", "/present/to"]);
    assert_eq!(
        pointers(&Switch::Off {
            why: edge("a", "a")
        }),
        ["/off/why/to"]
    );
    let json = serde_json::to_value(Switch::On(edge("a", "b"))).unwrap();
    assert_eq!(json, json!({"on": {"from": "a", "to": "b"}}));
}

// ---------------------------------------------------------------- pointers match the wire

greentic_model! {
    /// A named edge: `flatten` puts the edge's members beside `name`.
    pub struct Named {
        /// The name.
        pub name: String,
        /// The edge, flattened.
        #[serde(flatten)]
        pub edge: Edge,
    }

    /// A transparent wrapper.
    #[serde(transparent)]
    pub struct Wrapped {
        /// The edge itself.
        pub inner: Edge,
    }

    /// Moves, with variant-level `rename_all` and an untagged variant.
    pub enum Move {
        /// A move along an edge, fields in camelCase.
        #[serde(rename_all = "camelCase")]
        Move {
            /// The edge.
            the_edge: Edge,
        },
        /// A raw edge, untagged.
        #[serde(untagged)]
        Raw(Edge),
    }

    /// Container `rename_all_fields`.
    #[serde(rename_all_fields = "camelCase", rename_all = "snake_case")]
    pub enum Hop {
        /// A hop.
        LongHop {
            /// Where.
            next_edge: Edge,
        },
    }

    /// Internally tagged steps.
    #[serde(tag = "kind", rename_all = "snake_case")]
    pub enum Step {
        /// Follow an edge.
        Follow {
            /// The edge.
            edge: Edge,
        },
    }

    /// A document holding steps, registered.
    #[schema = "dsl-shapes-plan"]
    pub struct Plan {
        /// Steps.
        pub steps: Vec<Step>,
    }
}

#[test]
fn flatten_and_transparent_add_no_segment() {
    let named = Named {
        name: "n".into(),
        edge: edge("a", "a"),
    };
    assert_eq!(pointers(&named), ["/to"]);
    let wire = serde_json::to_value(&named).unwrap();
    assert_eq!(wire, json!({"name": "n", "from": "a", "to": "a"}));
    assert_eq!(
        pointers(&Wrapped {
            inner: edge("a", "a")
        }),
        ["/to"]
    );
}

#[test]
fn variant_rename_all_rename_all_fields_and_untagged_variants_name_the_wire() {
    let m = Move::Move {
        the_edge: edge("a", "a"),
    };
    assert_eq!(
        serde_json::to_value(&m).unwrap(),
        json!({"Move": {"theEdge": {"from": "a", "to": "a"}}})
    );
    assert_eq!(pointers(&m), ["/Move/theEdge/to"]);
    assert_eq!(pointers(&Move::Raw(edge("a", "a"))), ["/to"]);
    let hop = Hop::LongHop {
        next_edge: edge("a", "a"),
    };
    assert_eq!(
        serde_json::to_value(&hop).unwrap(),
        json!({"long_hop": {"nextEdge": {"from": "a", "to": "a"}}})
    );
    assert_eq!(pointers(&hop), ["/long_hop/nextEdge/to"]);
}

#[cfg(feature = "check")]
#[test]
fn registry_reports_hook_violations_at_their_real_pointer() {
    let entry = greentic_types::registry::entry("dsl-shapes-plan").unwrap();
    let doc = r#"{"steps": [{"kind": "follow", "edge": {"from": "a", "to": "b"}},
                            {"kind": "follow", "edge": {"from": "c", "to": "c"}},
                            {"kind": "follow", "edge": {"from": "d", "to": "d"}}]}"#;
    let err = entry.check_json(doc).unwrap_err();
    let found: Vec<String> = err.into_iter().map(|v| v.to_string()).collect();
    assert_eq!(
        found,
        [
            "/steps/1/edge/to: must differ from `from`",
            "/steps/2/edge/to: must differ from `from`"
        ],
        "every hook violation, each at a pointer that exists in the document"
    );
    let value: serde_json::Value = serde_json::from_str(doc).unwrap();
    assert!(value.pointer("/steps/1/edge/to").is_some());
}

// ---------------------------------------------------------------- containers

greentic_model! {
    /// Edges in every container serde supports.
    pub struct Containers {
        /// By name, hashed.
        pub by_name: HashMap<String, Edge>,
        /// A fixed pair.
        pub pair: [Edge; 2],
        /// A tuple.
        pub tuple: (Edge, u8, Edge),
        /// A queue.
        pub queue: VecDeque<Edge>,
        /// In document order.
        pub ordered: indexmap::IndexMap<String, Edge>,
        /// Sorted.
        pub sorted: BTreeMap<String, Edge>,
    }
}

#[test]
fn validate_reaches_models_in_every_container() {
    let c = Containers {
        by_name: HashMap::from([
            ("z".to_owned(), edge("a", "a")),
            ("y".to_owned(), edge("a", "a")),
        ]),
        pair: [edge("a", "b"), edge("a", "a")],
        tuple: (edge("a", "a"), 1, edge("a", "a")),
        queue: VecDeque::from([edge("a", "a")]),
        ordered: [("k".to_owned(), edge("a", "a"))].into_iter().collect(),
        sorted: BTreeMap::from([("s".to_owned(), edge("a", "a"))]),
    };
    assert_eq!(
        pointers(&c),
        [
            "/by_name/y/to",
            "/by_name/z/to",
            "/pair/1/to",
            "/tuple/0/to",
            "/tuple/2/to",
            "/queue/0/to",
            "/ordered/k/to",
            "/sorted/s/to",
        ]
    );
}

// ---------------------------------------------------------------- objects only

greentic_model! {
    /// Adjacently tagged.
    #[serde(tag = "t", content = "c")]
    pub enum Adjacent {
        /// Holds an edge.
        Holds(Edge),
    }

    /// Externally tagged with a struct variant.
    #[serde(rename_all = "snake_case")]
    pub enum External {
        /// Failed.
        Failed {
            /// Why.
            reason: String,
        },
    }
}

#[test]
fn structs_are_read_from_objects_only() {
    use greentic_types::{Impersonation, TenantCtx};
    let seq_errors = [
        serde_json::from_value::<Impersonation>(json!(["u1", "why"])).map(drop),
        serde_json::from_str::<Impersonation>(r#"["u1","why"]"#).map(drop),
        serde_json::from_value::<Edge>(json!(["a", "b"])).map(drop),
        serde_json::from_value::<External>(json!({"failed": ["no disk"]})).map(drop),
        serde_json::from_value::<Step>(json!(["follow", {"from": "a", "to": "b"}])).map(drop),
        serde_json::from_value::<Adjacent>(json!(["Holds", {"from": "a", "to": "b"}])).map(drop),
    ];
    for result in seq_errors {
        let err = result.unwrap_err().to_string();
        assert!(err.contains("invalid type: sequence"), "{err}");
    }
    let eighteen = json!([
        "prod",
        "a",
        "a",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        {},
        null,
        0,
        null,
        null
    ]);
    assert!(serde_json::from_value::<TenantCtx>(eighteen).is_err());
    // The object forms still read.
    assert!(
        serde_json::from_value::<Impersonation>(json!({"actor_id": "u1", "reason": "why"})).is_ok()
    );
    assert!(serde_json::from_value::<External>(json!({"failed": {"reason": "x"}})).is_ok());
    assert!(
        serde_json::from_value::<Adjacent>(json!({"t": "Holds", "c": {"from": "a", "to": "b"}}))
            .is_ok()
    );
    assert!(serde_norway::from_str::<Impersonation>("- u1\n- why\n").is_err());
    assert!(serde_norway::from_str::<Impersonation>("actor_id: u1\n").is_ok());
}

// ---------------------------------------------------------------- names in scope

mod own_string {
    //! A module whose own `String` (like `use heapless::*`) must stay unambiguous.
    #![allow(dead_code)]

    mod shadow {
        /// A string type of this module's own.
        pub type String = std::string::String;
        /// And a `ToString` of its own.
        pub trait ToString {}
    }
    use shadow::*;

    greentic_types::greentic_model! {
        /// A model declared where `String` and `ToString` are glob-imported.
        pub struct Local {
            /// A name.
            #[schemars(regex(pattern = "^[a-z]+$"))]
            pub name: String,
        }
    }

    #[test]
    fn declarations_inject_no_names_into_the_module() {
        let l: Local = serde_json::from_value(serde_json::json!({"name": "x"})).unwrap();
        let s: String = l.name;
        assert_eq!(s, "x");
    }
}

greentic_model! {
    /// A model whose container is renamed for serde.
    #[schema = "dsl-shapes-renamed"]
    #[serde(rename = "SomethingElse")]
    pub struct Renamed {
        /// A value.
        pub value: u8,
    }
}

#[cfg(feature = "schema")]
#[test]
fn schema_title_and_entry_title_agree_under_container_rename() {
    let entry = greentic_types::registry::entry("dsl-shapes-renamed").unwrap();
    assert_eq!(entry.title(), "Renamed");
    assert_eq!(entry.schema()["title"], "Renamed");
    // serde's rename still names the struct for formats that write names.
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(&Renamed { value: 1 }, config).unwrap();
    assert!(text.starts_with("SomethingElse("), "{text}");
    assert_eq!(
        ron::from_str::<Renamed>(&text).unwrap(),
        Renamed { value: 1 }
    );
}
