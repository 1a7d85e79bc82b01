//! The DSL seen from a user's crate: declarations, serde pass-through, and
//! violation paths named the way serde names things on the wire.

use std::collections::BTreeMap;

use greentic_types::{FlowId, IdRule, Path, Violations, greentic_model, id_newtype};
use serde_json::json;

const LOWER: IdRule = IdRule::new("must contain only lowercase ASCII letters", |c| {
    c.is_ascii_lowercase()
})
.with_pattern("^[a-z]{2,}$")
.with_min_length(2)
.with_examples(&["ab"]);

id_newtype! {
    /// A lowercase word of two letters or more.
    pub Word, rule = LOWER;
}

fn no_self_loop(edge: &Edge, path: &Path<'_>, out: &mut Violations) {
    if edge.from == edge.to {
        out.push(&path.field("to"), "must differ from `from`");
    }
}

greentic_model! {
    /// An edge between two flows.
    #[check = no_self_loop]
    pub struct Edge {
        /// Source.
        pub from: FlowId,
        /// Target.
        pub to: FlowId,
    }

    /// A graph document with renamed keys.
    #[serde(rename_all = "camelCase")]
    pub struct Graph {
        /// Edges in order.
        pub edge_list: Vec<Edge>,
        /// Edges by name, under a renamed key.
        #[serde(rename = "@named", default)]
        pub named: BTreeMap<String, Edge>,
        /// A word.
        pub r#type: Option<Word>,
        /// Steps, internally tagged.
        #[serde(default)]
        pub steps: Vec<Step>,
        /// Results, externally tagged with renamed variants.
        #[serde(default)]
        pub results: Vec<Outcome>,
    }

    /// A step.
    #[serde(tag = "kind", rename_all = "snake_case")]
    pub enum Step {
        /// Follow an edge.
        FollowEdge {
            /// The edge.
            edge: Edge,
        },
        /// Stop.
        Stop,
    }

    /// An outcome.
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Outcome {
        /// It worked, along this edge.
        WentThrough(Edge),
        /// Adjacent payload.
        #[serde(rename = "skip")]
        Skipped {
            /// Why.
            why: String,
        },
    }

    /// Adjacently tagged.
    #[serde(tag = "t", content = "c")]
    pub enum Wrapped {
        /// Holds an edge.
        Holds(Edge),
    }
}

fn loop_edge() -> Edge {
    let f = FlowId::new("f").unwrap();
    Edge {
        from: f.clone(),
        to: f,
    }
}

#[test]
fn custom_rules_drive_new_and_serde() {
    assert!(Word::new("ok").is_ok());
    assert_eq!(
        Word::new("a").unwrap_err().to_string(),
        "Word must be at least 2 characters long"
    );
    assert_eq!(
        Word::new("Ab").unwrap_err().to_string(),
        "Word must contain only lowercase ASCII letters"
    );
    assert!(serde_json::from_value::<Word>(json!("AB")).is_err());
}

#[test]
fn check_hooks_run_on_validate_and_on_deserialize() {
    use greentic_types::Validate;
    assert_eq!(
        loop_edge().validate().unwrap_err().to_string(),
        "/to: must differ from `from`"
    );
    let err = serde_json::from_value::<Edge>(json!({"from": "a", "to": "a"})).unwrap_err();
    assert_eq!(err.to_string(), "/to: must differ from `from`");
    assert!(serde_json::from_value::<Edge>(json!({"from": "a", "to": "b"})).is_ok());
}

#[test]
fn violation_paths_use_wire_names() {
    use greentic_types::Validate;
    let graph = Graph {
        edge_list: vec![
            Edge {
                from: FlowId::new("a").unwrap(),
                to: FlowId::new("b").unwrap(),
            },
            loop_edge(),
        ],
        named: BTreeMap::from([("x/y".to_owned(), loop_edge())]),
        r#type: None,
        steps: vec![Step::Stop, Step::FollowEdge { edge: loop_edge() }],
        results: vec![
            Outcome::WentThrough(loop_edge()),
            Outcome::Skipped { why: "n/a".into() },
        ],
    };
    let paths: Vec<String> = graph
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/edgeList/1/to",
            "/@named/x~1y/to",
            "/steps/1/edge/to",
            "/results/0/WENT_THROUGH/to",
        ]
    );
    assert_eq!(
        Wrapped::Holds(loop_edge())
            .validate()
            .unwrap_err()
            .to_string(),
        "/c/to: must differ from `from`"
    );
}

#[test]
fn serde_attributes_pass_through_unchanged() {
    let v = serde_json::to_value(Step::FollowEdge {
        edge: Edge {
            from: FlowId::new("a").unwrap(),
            to: FlowId::new("b").unwrap(),
        },
    })
    .unwrap();
    assert_eq!(
        v,
        json!({"kind": "follow_edge", "edge": {"from": "a", "to": "b"}})
    );
    let g: Graph = serde_json::from_value(json!({"edgeList": [], "type": "ok"})).unwrap();
    assert_eq!(g.r#type, Some(Word::new("ok").unwrap()));
    assert_eq!(
        serde_json::to_value(Outcome::Skipped { why: "w".into() }).unwrap(),
        json!({"skip": {"why": "w"}})
    );
}

greentic_model! {
    /// A temperature, written on the wire as `"21.5C"`.
    #[schema = "dsl-test-temperature"]
    #[manual(serde, schema)]
    pub struct Temperature {
        /// Degrees Celsius.
        pub celsius: f64,
    }
}

impl serde::Serialize for Temperature {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}C", self.celsius))
    }
}

impl<'de> serde::Deserialize<'de> for Temperature {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let degrees = text
            .strip_suffix('C')
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| serde::de::Error::custom("expected degrees followed by `C`"))?;
        Ok(Self { celsius: degrees })
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Temperature {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Temperature".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^-?[0-9.]+C$", "description": "A temperature."})
    }
}

#[cfg(feature = "check")]
#[test]
fn hand_written_serde_still_declares_and_registers() {
    let entry = greentic_types::registry::entry("dsl-test-temperature").expect("registered");
    assert_eq!(entry.check(json!("21.5C")).expect("valid"), json!("21.5C"));
    assert_eq!(
        entry.check(json!("hot")).expect_err("invalid").to_string(),
        "(root): expected degrees followed by `C`"
    );
    // The registry writes patterns every regex dialect reads alike: `$` becomes
    // `(?![\s\S])` (Python's `$` also matches before a final newline).
    assert_eq!(entry.schema()["pattern"], r"^-?[0-9.]+C(?![\s\S])");
    assert_eq!(entry.title(), "Temperature");
}
