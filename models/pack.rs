//! Pack references: where a pack image lives, its digest and signatures.
//!
//! ```
//! use greentic_types::{PackRef, Signature, SignatureAlgorithm};
//!
//! let mut pack = PackRef::new("oci://ghcr.io/acme/support", semver::Version::new(1, 0, 0), "sha256:00ff");
//! pack.signatures.push(Signature::new("key-1", SignatureAlgorithm::Ed25519, vec![1, 2, 255]));
//! let json = serde_json::to_value(&pack)?;
//! // Signature bytes are a JSON array of integers, not base64.
//! assert_eq!(json["signatures"][0]["signature"], serde_json::json!([1, 2, 255]));
//! assert_eq!(json["signatures"][0]["algorithm"], "ed25519");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The wire is 0.4.13's. Its published description of `Signature.signature`
//! said base64, but 0.4.13 writes and reads an array of integers 0-255 (a
//! base64 string is rejected); the schema here says what the wire is.

use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// A pack image in an OCI registry, pinned by version and digest.
    #[schema = "pack-ref"]
    #[derive(Eq, Hash)]
    pub struct PackRef {
        /// OCI URL of the image.
        pub oci_url: String,
        /// SemVer version.
        pub version: semver::Version,
        /// Content digest (free text, e.g. `sha256:...`).
        pub digest: String,
        /// Signatures over the digest.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub signatures: Vec<Signature>,
    }

    /// A signature by one key.
    #[schema = "signature"]
    #[derive(Eq, Hash)]
    pub struct Signature {
        /// Which key signed.
        pub key_id: String,
        /// Signature algorithm.
        pub algorithm: SignatureAlgorithm,
        /// Raw signature bytes, as a JSON array of integers 0-255 (not base64).
        pub signature: Vec<u8>,
    }

    /// A signature algorithm (`"ed25519"`, or `{"other": name}`).
    #[schema = "signature-algorithm"]
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
    /// A reference to the image at `oci_url`, `version`, `digest`, unsigned.
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
    /// A signature by `key_id` with `algorithm` over the raw `signature` bytes.
    pub fn new(
        key_id: impl Into<String>,
        algorithm: SignatureAlgorithm,
        signature: impl Into<Vec<u8>>,
    ) -> Self {
        Self {
            key_id: key_id.into(),
            algorithm,
            signature: signature.into(),
        }
    }
}
