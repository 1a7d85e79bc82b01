//! Binding hints: what a pack expects from the host that runs it (network
//! destinations, secrets, environment variables, MCP servers).
//!
//! ```
//! use greentic_types::bindings::hints::BindingsHints;
//!
//! // Every part defaults when missing, and everything is always written.
//! let hints: BindingsHints = serde_json::from_str("{}")?;
//! assert_eq!(hints, BindingsHints::default());
//! assert_eq!(
//!     serde_json::to_value(&hints)?,
//!     serde_json::json!({"network": {"allow": []}, "secrets": {"required": []},
//!                        "env": {"passthrough": []}, "mcp": {"servers": []}})
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The types live in [`hints`] (0.4.13's path `bindings::hints::*`) and are
//! re-exported at the crate root.

/// The hint types (0.4.13's `bindings::hints` module).
pub mod hints {
    use alloc::string::String;
    use alloc::vec::Vec;

    use crate::greentic_model;

    greentic_model! {
        /// What a pack expects from its host: network, secrets, environment and MCP servers.
        #[schema = "bindings-hints"]
        #[derive(Eq, Default)]
        pub struct BindingsHints {
            /// Network destinations.
            #[serde(default)]
            pub network: NetworkHints,
            /// Secrets.
            #[serde(default)]
            pub secrets: SecretsHints,
            /// Environment variables.
            #[serde(default)]
            pub env: EnvHints,
            /// MCP servers.
            #[serde(default)]
            pub mcp: McpHints,
        }

        /// Network destinations a pack needs.
        #[schema = "network-hints"]
        #[derive(Eq, Default)]
        pub struct NetworkHints {
            /// Destinations as `host:port` strings (always written).
            #[serde(default)]
            pub allow: Vec<String>,
        }

        /// Secrets a pack needs.
        #[schema = "secrets-hints"]
        #[derive(Eq, Default)]
        pub struct SecretsHints {
            /// Secret names (always written).
            #[serde(default)]
            pub required: Vec<String>,
        }

        /// Environment variables a pack reads from its host.
        #[schema = "env-hints"]
        #[derive(Eq, Default)]
        pub struct EnvHints {
            /// Variable names passed through (always written).
            #[serde(default)]
            pub passthrough: Vec<String>,
        }

        /// MCP servers a pack talks to.
        #[schema = "mcp-hints"]
        #[derive(Eq, Default)]
        pub struct McpHints {
            /// The servers (always written).
            #[serde(default)]
            pub servers: Vec<McpServer>,
        }

        /// One MCP (Model Context Protocol) server.
        #[schema = "mcp-server"]
        #[derive(Eq)]
        pub struct McpServer {
            /// Server name.
            pub name: String,
            /// Transport (`stdio`, `http`, ...).
            pub transport: String,
            /// Endpoint (a URL or a command).
            pub endpoint: String,
            /// Capabilities offered (always written).
            #[serde(default)]
            pub caps: Vec<String>,
        }
    }
}
