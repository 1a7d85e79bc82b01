//! Which certificate authorities the exporter trusts: the platform's roots
//! plus the Mozilla bundle (so a host without a CA store still works), or
//! only the CAs of `OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE`. The same roots
//! serve gRPC and HTTP: they are loaded here, never by the transport.

use std::format;
use std::string::String;
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

use super::config::OtlpConfig;
use super::report;

/// The trust configuration for one pipeline.
pub(crate) struct Roots {
    /// The private CAs, when a CA file is configured and holds a usable certificate.
    private: Option<RootCertStore>,
}

impl Roots {
    /// Reads the configured CA file; an unusable one (or unusable
    /// certificates in it) is reported, and without any usable certificate
    /// the platform's roots are used instead.
    pub(crate) fn load(config: &OtlpConfig) -> Self {
        let Some(path) = &config.certificate else {
            return Self { private: None };
        };
        let pem = match std::fs::read(path) {
            Ok(pem) => pem,
            Err(e) => {
                report(&format!(
                    "cannot read the OTLP certificate file {}: {e}; using the platform's roots",
                    path.display()
                ));
                return Self { private: None };
            }
        };
        let mut store = RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let added = cert
                .map_err(|e| format!("{e}"))
                .and_then(|cert| store.add(cert).map_err(|e| format!("{e}")));
            if let Err(e) = added {
                report(&format!(
                    "the OTLP certificate file {} holds an unusable certificate ({e}); skipped",
                    path.display()
                ));
            }
        }
        if store.is_empty() {
            report(&format!(
                "the OTLP certificate file {} holds no usable PEM certificate; using the platform's roots",
                path.display()
            ));
            return Self { private: None };
        }
        Self {
            private: Some(store),
        }
    }

    /// The roots to trust: the private CAs, or the platform's (as
    /// `rustls-native-certs` finds them, honouring `SSL_CERT_FILE` and
    /// `SSL_CERT_DIR`) plus the Mozilla bundle, which also covers an empty
    /// or missing platform store.
    fn store(&self) -> RootCertStore {
        if let Some(private) = &self.private {
            return private.clone();
        }
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        store
    }

    /// For gRPC (tonic).
    pub(crate) fn tonic(&self) -> opentelemetry_otlp::tonic_types::transport::ClientTlsConfig {
        opentelemetry_otlp::tonic_types::transport::ClientTlsConfig::new()
            .trust_anchors(self.store().roots)
    }

    /// For HTTP (reqwest over rustls, ring provider). The roots are loaded
    /// only when `https` (they are not needed otherwise).
    pub(crate) fn rustls(&self, https: bool) -> Result<rustls::ClientConfig, String> {
        let store = if https {
            self.store()
        } else {
            RootCertStore::empty()
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("{e}"))?
            .with_root_certificates(store)
            .with_no_client_auth();
        Ok(config)
    }
}
