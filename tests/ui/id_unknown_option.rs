greentic_types::id_newtype! {
    /// A widget.
    pub WidgetId, slug = "widget-id";
}

fn main() {}
