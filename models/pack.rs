//! Pack references: where a pack lives (OCI), which version, which digest, and
//! its signatures.
//!
//! ```
//! use greentic_types::pack::{PackRef, Signature, SignatureAlgorithm};
//!
//! let mut pack = PackRef::new("oci://ghcr.io/acme/shop", semver::Version::new(1, 2, 0), "sha256:ab12");
//! pack.signatures.push(Signature::new("key-1", SignatureAlgorithm::Ed25519, vec![1, 2, 3]));
//! let json = serde_json::to_value(&pack)?;
//! assert_eq!(json["version"], "1.2.0");
//! assert_eq!(json["signatures"][0]["signature"], serde_json::json!([1, 2, 3]));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! INTERIM: these three types belong to the flows/packs issue (API.md §6). They
//! are declared here, without schema slugs, only because the store's
//! `ArtifactSelector` embeds a `PackRef`; when the flows/packs declarations
//! land, this file goes and theirs is used (the store refers to the root
//! re-export `crate::PackRef` only).

use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// A reference to a pack published in an OCI registry.
    #[derive(Eq, Hash)]
    pub struct PackRef {
        /// OCI URL of the pack.
        pub oci_url: String,
        /// SemVer version of the pack.
        pub version: semver::Version,
        /// Content digest, as published (not checked).
        pub digest: String,
        /// Signatures over the pack.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub signatures: Vec<Signature>,
    }

    /// A signature over a pack.
    #[derive(Eq, Hash)]
    pub struct Signature {
        /// Identifier of the signing key.
        pub key_id: String,
        /// Signature algorithm.
        pub algorithm: SignatureAlgorithm,
        /// Signature bytes, written as a JSON array of integers 0-255.
        pub signature: Vec<u8>,
    }

    /// A signature algorithm.
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum SignatureAlgorithm {
        /// Ed25519.
        Ed25519,
        /// Any other algorithm, by name.
        Other(String),
    }
}

impl PackRef {
    /// A reference to `version` of the pack at `oci_url` with `digest`, no signatures.
    pub fn new(
        oci_url: impl Into<String>,
        version: semver::Version,
        digest: impl Into<String>,
    ) -> Self {
        Self {
            oci_url: oci_url.into(),
            version,
            digest: digest.into(),
            signatures: Vec::new(),
        }
    }
}

impl Signature {
    /// A signature by `key_id` with `algorithm`.
    pub fn new(
        key_id: impl Into<String>,
        algorithm: SignatureAlgorithm,
        signature: Vec<u8>,
    ) -> Self {
        Self {
            key_id: key_id.into(),
            algorithm,
            signature,
        }
    }
}
