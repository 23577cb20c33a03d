//! The single-paper text view for `papers show`. (being written)
