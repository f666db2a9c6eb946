//! The model format as JSON Schema, generated from the Rust types (never written by hand), so
//! editors can complete and check model files.

use crate::model::Model;

/// The JSON Schema of `ekusia-model/1`, pretty-printed.
pub fn model_schema() -> String {
    let schema = schemars::schema_for!(Model);
    serde_json::to_string_pretty(&schema).expect("the schema serialises")
}
