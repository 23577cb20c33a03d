//! CSV output. (being written)

use crate::model::CachedPaper;

pub fn render_csv(_papers: &[&CachedPaper]) -> String {
    String::new()
}
