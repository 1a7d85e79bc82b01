/// An error that cannot hold an `InvalidId`.
#[derive(Debug)]
pub struct Mine;

greentic_types::id_newtype! {
    error = Mine;
    /// A gadget.
    pub GadgetId;
}

fn main() {}
