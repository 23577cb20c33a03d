//! BibTeX entries. (being written)

use crate::model::CachedPaper;

pub fn render_bibtex(_papers: &[&CachedPaper]) -> String {
    String::new()
}
