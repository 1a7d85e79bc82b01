//! Content digests.
//!
//! ```
//! use greentic_types::{HashAlgorithm, HashDigest};
//!
//! let digest = HashDigest::blake3("00ffAB")?;
//! assert_eq!(digest.algo(), &HashAlgorithm::Blake3);
//! assert_eq!(digest.hex(), "00ffAB"); // case is kept
//! assert!(HashDigest::blake3("abc").is_err()); // odd length
//! # Ok::<(), greentic_types::GreenticError>(())
//! ```
//!
//! Fields are private and deserialization re-runs the same check as
//! [`HashDigest::new`], so a digest with malformed hex cannot exist.

use alloc::string::String;

use crate::{ErrorCode, GreenticError, Path, Violations, greentic_model};

greentic_model! {
    /// A hash algorithm.
    #[schema = "hash-algorithm"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum HashAlgorithm {
        /// BLAKE3.
        Blake3,
        /// Any other algorithm, by name.
        Other(String),
    }

    /// A digest: algorithm plus hex-encoded bytes.
    #[schema = "hash-digest"]
    #[check = HashDigest::check_hex]
    #[manual(generate)]
    #[derive(Eq, Hash)]
    pub struct HashDigest {
        /// The algorithm.
        algo: HashAlgorithm,
        /// The digest bytes as hex (either case, even length, not empty).
        #[schemars(regex(pattern = "^([0-9a-fA-F]{2})+$"))]
        hex: String,
    }
}

/// Why `hex` is not a digest, or `None`.
fn hex_problem(hex: &str) -> Option<&'static str> {
    if hex.is_empty() {
        Some("must not be empty")
    } else if !hex.len().is_multiple_of(2) {
        Some("must have an even number of hex digits")
    } else if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some("must contain only hex digits (0-9, a-f, A-F)")
    } else {
        None
    }
}

impl HashDigest {
    /// A digest, checking that `hex` is non-empty, even-length ASCII hex.
    pub fn new(algo: HashAlgorithm, hex: impl Into<String>) -> Result<Self, GreenticError> {
        let hex = hex.into();
        match hex_problem(&hex) {
            None => Ok(Self { algo, hex }),
            Some(problem) => Err(GreenticError::new(
                ErrorCode::InvalidInput,
                alloc::format!("HashDigest hex {problem}"),
            )),
        }
    }

    /// A BLAKE3 digest.
    pub fn blake3(hex: impl Into<String>) -> Result<Self, GreenticError> {
        Self::new(HashAlgorithm::Blake3, hex)
    }

    /// The algorithm.
    pub fn algo(&self) -> &HashAlgorithm {
        &self.algo
    }

    /// The digest as hex, in the case it was given.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    fn check_hex(&self, path: &Path<'_>, out: &mut Violations) {
        if let Some(problem) = hex_problem(&self.hex) {
            out.push(&path.field("hex"), problem);
        }
    }
}

crate::if_proptest! {
    impl crate::generate::Generate for HashDigest {
        fn generate(g: &mut crate::generate::Gen) -> Self {
            const DIGITS: &[u8] = b"0123456789abcdefABCDEF";
            let pairs = 1 + g.below(32);
            let hex = (0..pairs * 2)
                .map(|_| char::from(DIGITS[g.below(DIGITS.len())]))
                .collect();
            Self {
                algo: crate::generate::Generate::generate(g),
                hex,
            }
        }
    }
}
