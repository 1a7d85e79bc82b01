greentic_types::id_newtype! {
    /// A widget.
    pub WidgetId, schema = "Widget_Id";
}

fn main() {}
