//! Which certificate authorities the exporter trusts: the platform's roots
//! (plus the Mozilla bundle, for hosts without a CA store), or only the CAs
//! of `OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE`.

use std::format;
use std::string::String;
use std::sync::Arc;
use std::vec::Vec;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

use super::config::OtlpConfig;
use super::report;

/// The trust configuration for one pipeline.
pub(crate) struct Roots {
    /// The PEM text and its certificates, when a private CA file is configured and usable.
    private: Option<(Vec<u8>, Vec<CertificateDer<'static>>)>,
}

impl Roots {
    /// Reads the configured CA file; an unusable one is reported and the
    /// platform's roots are used instead.
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
        let certs: Vec<_> = CertificateDer::pem_slice_iter(&pem)
            .filter_map(Result::ok)
            .collect();
        if certs.is_empty() {
            report(&format!(
                "the OTLP certificate file {} holds no PEM certificate; using the platform's roots",
                path.display()
            ));
            return Self { private: None };
        }
        Self {
            private: Some((pem, certs)),
        }
    }

    /// For gRPC (tonic).
    pub(crate) fn tonic(&self) -> opentelemetry_otlp::tonic_types::transport::ClientTlsConfig {
        let config = opentelemetry_otlp::tonic_types::transport::ClientTlsConfig::new();
        match &self.private {
            Some((pem, _)) => config.ca_certificate(
                opentelemetry_otlp::tonic_types::transport::Certificate::from_pem(pem.clone()),
            ),
            None => config.with_native_roots().with_webpki_roots(),
        }
    }

    /// For HTTP (reqwest over rustls, ring provider). The platform's roots are
    /// loaded only when `https` (they are not needed otherwise).
    pub(crate) fn rustls(&self, https: bool) -> Result<rustls::ClientConfig, String> {
        let mut store = rustls::RootCertStore::empty();
        match &self.private {
            Some((_, certs)) => {
                store.add_parsable_certificates(certs.iter().cloned());
            }
            None if https => {
                let native = rustls_native_certs::load_native_certs();
                store.add_parsable_certificates(native.certs);
                store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            None => {}
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("{e}"))?
            .with_root_certificates(store)
            .with_no_client_auth();
        Ok(config)
    }
}
