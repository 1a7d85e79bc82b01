//! Flows (`.ygtc` files): a kind, an id and an ordered map of nodes.
//!
//! ```
//! use greentic_types::{Flow, FlowKind};
//!
//! let flow: Flow = serde_json::from_str(r#"{
//!     "kind": "messaging",
//!     "id": "support",
//!     "nodes": {
//!         "start": {"kind": "component", "component": "greentic.router", "routing": ["answer"]},
//!         "answer": {"kind": "component", "component": "greentic.llm", "config": {"model": "small"}}
//!     }
//! }"#)?;
//! assert_eq!(flow.kind, FlowKind::Messaging);
//! // Nodes keep document order: the first one is the ingress.
//! assert_eq!(flow.ingress().map(|(id, _)| id.as_str()), Some("start"));
//! assert_eq!(flow.nodes["answer"].config["model"], "small");
//!
//! // A repeated node id is an error naming the id and its pointer.
//! let err = serde_json::from_str::<Flow>(
//!     r#"{"kind": "events", "id": "f", "nodes": {"a": {"kind": "x"}, "a": {"kind": "y"}}}"#,
//! ).unwrap_err();
//! assert!(err.to_string().contains("duplicate node id `a` at /nodes/a"), "{err}");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! `nodes` is a [`FlowNodes`]: an `IndexMap` with FNV hashing, as in 0.4.13,
//! so nodes keep the order of the document (JSON or YAML) and are written back
//! in that order. `config` and `routing` stay free-form `serde_json::Value`s.
//!
//! # Changes from 0.4.13
//!
//! - **Duplicate node ids are an error.** 0.4.13 kept the last of two nodes
//!   with the same key silently (at the first one's position). Reading such a
//!   flow now fails with ``duplicate node id `<id>` at /nodes/<id>``, in JSON and
//!   YAML alike; with a path-tracking reader (the CLI, the registry) the error
//!   sits at that pointer. An invalid node key is reported at its own pointer
//!   too (`/nodes/<key>`), with the identifier rule it breaks.
//! - **Flow checking reports every problem.**
//!   [`Flow::validate_components`] keeps 0.4.13's signature and result (the
//!   first [`FlowValidationError`]; node profiles not checked), so code written
//!   against 0.4.13 behaves the same. [`Flow::validate_components_all`] is new:
//!   it reports every node whose component is missing, does not support the
//!   flow's kind, or does not offer the node's `profile`
//!   ([`ComponentManifest::select_profile`]), each with its pointer
//!   (`/nodes/<id>/component`, `/nodes/<id>/profile`).

use alloc::string::String;
use core::fmt;
use core::hash::BuildHasherDefault;

use fnv::FnvHasher;
use indexmap::IndexMap;
use serde_json::Value;

use crate::{ComponentId, ComponentManifest, FlowId, NodeId, Path, Violations, greentic_model};

/// A flow's nodes, in document order (`IndexMap` with FNV hashing, as in 0.4.13).
pub type FlowNodes = IndexMap<NodeId, Node, BuildHasherDefault<FnvHasher>>;

greentic_model! {
    /// The kind of a flow: what triggers it.
    #[schema = "flow-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum FlowKind {
        /// Driven by messages on a channel.
        Messaging,
        /// Driven by events.
        Events,
    }

    /// A flow: a kind, an identifier and its nodes in document order. The first
    /// node is the ingress; node ids are unique.
    #[schema = "flow"]
    #[schemars(extend("x-schema-gaps" = [{
        "code": "rejects",
        "rule": "node ids are unique: a repeated key in `nodes` is an error, while JSON Schema sees a parsed object, where the last of two equal keys silently wins",
        "message": "duplicate node id",
        "example": r#"{"kind": "events", "id": "f", "nodes": {"a": {"kind": "x"}, "a": {"kind": "y"}}}"#
    }]))]
    #[derive(Eq)]
    pub struct Flow {
        /// What triggers the flow.
        pub kind: FlowKind,
        /// Flow identifier.
        pub id: FlowId,
        /// Human-readable description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// Nodes by id, in document order; a repeated id is an error.
        #[serde(default, deserialize_with = "deserialize_nodes")]
        #[schemars(schema_with = "nodes_schema")]
        pub nodes: FlowNodes,
    }

    /// One step of a flow.
    #[schema = "node"]
    #[derive(Eq)]
    pub struct Node {
        /// What the node does (`component`, `router`, ...).
        pub kind: String,
        /// Execution profile asked of the component.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub profile: Option<String>,
        /// Component that runs the node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub component: Option<ComponentId>,
        /// Free-form configuration (`null` when absent).
        #[serde(default)]
        pub config: Value,
        /// Free-form routing (`null` when absent).
        #[serde(default)]
        pub routing: Value,
    }
}

/// Why a flow cannot run with the components at hand (0.4.13's first-error checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowValidationError {
    /// The flow has no nodes.
    EmptyFlow,
    /// A node names a component the resolver does not know.
    MissingComponent {
        /// The node.
        node_id: NodeId,
        /// The component it names.
        component: ComponentId,
    },
    /// A node's component does not support the flow's kind.
    UnsupportedComponent {
        /// The node.
        node_id: NodeId,
        /// The component it names.
        component: ComponentId,
        /// The flow's kind.
        flow_kind: FlowKind,
    },
}

impl fmt::Display for FlowValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyFlow => f.write_str("flow has no nodes"),
            Self::MissingComponent { node_id, component } => {
                write!(
                    f,
                    "node `{node_id}` references missing component `{component}`"
                )
            }
            Self::UnsupportedComponent {
                node_id,
                component,
                flow_kind,
            } => write!(
                f,
                "component `{component}` of node `{node_id}` does not support flow kind {flow_kind:?}"
            ),
        }
    }
}

impl core::error::Error for FlowValidationError {}

impl FlowKind {
    /// The wire name (`"messaging"`, `"events"`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Messaging => "messaging",
            Self::Events => "events",
        }
    }
}

impl Flow {
    /// Whether the flow has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The entry node: the first in document (insertion) order.
    pub fn ingress(&self) -> Option<(&NodeId, &Node)> {
        self.nodes.first()
    }

    /// Checks the flow's shape: it has at least one node.
    pub fn validate_structure(&self) -> Result<(), FlowValidationError> {
        if self.nodes.is_empty() {
            Err(FlowValidationError::EmptyFlow)
        } else {
            Ok(())
        }
    }

    /// 0.4.13's check, unchanged: [`validate_structure`](Self::validate_structure),
    /// then each node with a `component`, in order, must resolve and support
    /// the flow's kind. Returns the first problem; node profiles are not checked
    /// (see [`validate_components_all`](Self::validate_components_all)).
    pub fn validate_components<'a, F>(&self, mut resolve: F) -> Result<(), FlowValidationError>
    where
        F: FnMut(&ComponentId) -> Option<&'a ComponentManifest>,
    {
        self.validate_structure()?;
        for (node_id, node) in &self.nodes {
            let Some(component) = &node.component else {
                continue;
            };
            let Some(manifest) = resolve(component) else {
                return Err(FlowValidationError::MissingComponent {
                    node_id: node_id.clone(),
                    component: component.clone(),
                });
            };
            if !manifest.supports_kind(self.kind) {
                return Err(FlowValidationError::UnsupportedComponent {
                    node_id: node_id.clone(),
                    component: component.clone(),
                    flow_kind: self.kind,
                });
            }
        }
        Ok(())
    }

    /// Every reason the flow cannot run with the components `resolve` knows,
    /// each at its JSON pointer: no nodes (`/nodes`), a missing component or one
    /// that does not support the flow's kind (`/nodes/<id>/component`), a
    /// `profile` the component does not offer (`/nodes/<id>/profile`, as
    /// `select_profile` decides). Nodes without a component are skipped.
    pub fn validate_components_all<'a, F>(&self, mut resolve: F) -> Result<(), Violations>
    where
        F: FnMut(&ComponentId) -> Option<&'a ComponentManifest>,
    {
        let mut out = Violations::default();
        let nodes_path = Path::ROOT.field("nodes");
        if self.nodes.is_empty() {
            out.push(&nodes_path, "a flow needs at least one node");
        }
        for (node_id, node) in &self.nodes {
            let Some(component) = &node.component else {
                continue;
            };
            let node_path = nodes_path.key(node_id);
            let Some(manifest) = resolve(component) else {
                out.push(
                    &node_path.field("component"),
                    format_args!("component `{component}` is not available"),
                );
                continue;
            };
            if !manifest.supports_kind(self.kind) {
                out.push(
                    &node_path.field("component"),
                    format_args!(
                        "component `{component}` does not support `{}` flows",
                        self.kind.as_str()
                    ),
                );
            }
            if let Err(e) = manifest.select_profile(node.profile.as_deref()) {
                out.push(
                    &node_path.field("profile"),
                    format_args!("component `{component}`: {e}"),
                );
            }
        }
        out.into_result()
    }
}

crate::if_schemars! {
    /// The schema of `nodes`: an object of nodes whose keys follow the
    /// `NodeId` rule. Written out because schemars would express the key rule
    /// as `patternProperties` + `additionalProperties: false`, which the wire
    /// contract (and its structural comparison) spells `additionalProperties`
    /// + `propertyNames`.
    fn nodes_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let node = g.subschema_for::<Node>();
        let key = g.subschema_for::<NodeId>();
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": node,
            "propertyNames": key
        })
    }
}

crate::if_serde! {
    /// Reads `nodes`, keeping document order and rejecting a repeated or invalid
    /// node id at its own pointer (`/nodes/<id>`).
    fn deserialize_nodes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<FlowNodes, D::Error> {
        d.deserialize_map(NodesVisitor)
    }

    struct NodesVisitor;

    impl<'de> serde::de::Visitor<'de> for NodesVisitor {
        type Value = FlowNodes;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of node ids to nodes")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FlowNodes, A::Error> {
            let capacity = map.size_hint().unwrap_or(0).min(4096);
            let mut nodes = FlowNodes::with_capacity_and_hasher(capacity, Default::default());
            while let Some(key) = map.next_key_seed(KeySeed)? {
                let id = match NodeId::new(key.as_str()) {
                    Ok(id) => id,
                    Err(e) => {
                        let mut at = String::from("/nodes/");
                        crate::push_escaped(&mut at, key.as_str());
                        let message = alloc::format!("invalid node id `{}` at {at}: {}", key.as_str(), e.message);
                        return map.next_value_seed(Fail(message));
                    }
                };
                // One hash lookup: the vacant slot takes the node once it is read.
                match nodes.entry(id) {
                    indexmap::map::Entry::Vacant(slot) => {
                        slot.insert(map.next_value()?);
                    }
                    indexmap::map::Entry::Occupied(seen) => {
                        let id = seen.key();
                        let mut at = String::from("/nodes/");
                        crate::push_escaped(&mut at, id.as_str());
                        let message = alloc::format!(
                            "duplicate node id `{id}` at {at}: node ids must be unique"
                        );
                        return map.next_value_seed(Fail(message));
                    }
                }
            }
            Ok(nodes)
        }
    }

    /// A map key as text, borrowed from the input when the format allows.
    enum KeyText<'de> {
        Borrowed(&'de str),
        Owned(String),
    }

    impl KeyText<'_> {
        fn as_str(&self) -> &str {
            match self {
                Self::Borrowed(s) => s,
                Self::Owned(s) => s,
            }
        }
    }

    struct KeySeed;

    impl<'de> serde::de::DeserializeSeed<'de> for KeySeed {
        type Value = KeyText<'de>;

        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<KeyText<'de>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> serde::de::Visitor<'de> for KeySeed {
        type Value = KeyText<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a node id string")
        }

        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<KeyText<'de>, E> {
            Ok(KeyText::Borrowed(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyText<'de>, E> {
            Ok(KeyText::Owned(v.into()))
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<KeyText<'de>, E> {
            Ok(KeyText::Owned(v))
        }
    }

    /// Fails while reading the value of the current key, so a path-tracking
    /// reader places the error at that key's pointer.
    struct Fail(String);

    impl<'de> serde::de::DeserializeSeed<'de> for Fail {
        type Value = FlowNodes;

        fn deserialize<D: serde::Deserializer<'de>>(self, _: D) -> Result<FlowNodes, D::Error> {
            Err(<D::Error as serde::de::Error>::custom(self.0))
        }
    }
}
