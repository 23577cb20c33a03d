use super::features::term_bucket;
use super::*;

/// Two themes of papers that share their general words: "speculative
/// decoding" papers and "quantization" papers, `count` each, interleaved.
fn corpus_texts(count: usize) -> Vec<(String, String, Vec<String>)> {
    let mut texts = Vec::new();
    for i in 0..count {
        texts.push((
            format!("Speculative decoding with draft models, variant {i}"),
            format!(
                "We accelerate LLM inference by speculative decoding: a draft model \
                 proposes tokens that the target model verifies. Latency drops {i}x."
            ),
            vec!["Ana Draft".to_owned(), format!("Author {i}")],
        ));
        texts.push((
            format!("Post-training quantization of LLMs, variant {i}"),
            format!(
                "We quantize LLM weights to low-bit integers with calibration data; \
                 inference latency and memory drop {i}x."
            ),
            vec!["Quinn Quant".to_owned(), format!("Author {i}")],
        ));
    }
    texts
}

fn docs<'a>(
    texts: &'a [(String, String, Vec<String>)],
    authors: &'a [Vec<&'a str>],
) -> Vec<DocText<'a>> {
    texts
        .iter()
        .zip(authors)
        .map(|((title, summary, _), authors)| DocText {
            title,
            summary,
            authors,
        })
        .collect()
}

fn author_refs(texts: &[(String, String, Vec<String>)]) -> Vec<Vec<&str>> {
    texts
        .iter()
        .map(|(_, _, authors)| authors.iter().map(String::as_str).collect())
        .collect()
}

/// Stars the first `stars` decoding papers (even indices) and dismisses
/// the first `dismissals` quantization papers (odd indices).
fn labels(len: usize, stars: usize, dismissals: usize) -> Vec<Label> {
    let mut labels = vec![Label::Unlabelled; len];
    for i in 0..stars {
        labels[2 * i] = Label::Positive;
    }
    for i in 0..dismissals {
        labels[2 * i + 1] = Label::Negative;
    }
    labels
}

#[test]
fn modes_follow_the_number_of_stars() {
    let texts = corpus_texts(10);
    let authors = author_refs(&texts);
    let corpus = Corpus::build(&docs(&texts, &authors));
    let mode = |stars| Fit::train(&corpus, &labels(texts.len(), stars, 2)).mode();
    assert_eq!(mode(0), FitMode::None);
    assert_eq!(mode(1), FitMode::Similarity);
    assert_eq!(mode(MIN_STARS - 1), FitMode::Similarity);
    assert_eq!(mode(MIN_STARS), FitMode::Model);
    assert!(
        Fit::train(&corpus, &labels(texts.len(), 0, 0))
            .scores(&corpus)
            .is_none()
    );
}

#[test]
fn five_stars_without_any_negative_fall_back_to_similarity() {
    let texts = corpus_texts(3);
    let authors = author_refs(&texts);
    let corpus = Corpus::build(&docs(&texts, &authors));
    // Every paper starred: no dismissal, no seen paper, no background.
    let all = vec![Label::Positive; texts.len()];
    assert_eq!(Fit::train(&corpus, &all).mode(), FitMode::Similarity);
}

#[test]
fn the_model_ranks_the_starred_theme_first() {
    let texts = corpus_texts(40);
    let authors = author_refs(&texts);
    let corpus = Corpus::build(&docs(&texts, &authors));
    let fit = Fit::train(&corpus, &labels(texts.len(), 6, 6));
    assert_eq!(fit.mode(), FitMode::Model);
    let scores = fit.scores(&corpus).unwrap();
    // Every held-out decoding paper above every held-out quantization one.
    let worst_decoding = (6..40).map(|i| scores[2 * i]).fold(f32::MAX, f32::min);
    let best_quantization = (6..40).map(|i| scores[2 * i + 1]).fold(f32::MIN, f32::max);
    assert!(
        worst_decoding > best_quantization,
        "{worst_decoding} vs {best_quantization}"
    );
    assert!(scores.iter().all(|s| (0.0..=100.0).contains(s)));
}

#[test]
fn similarity_mode_also_ranks_the_starred_theme_first() {
    let texts = corpus_texts(20);
    let authors = author_refs(&texts);
    let corpus = Corpus::build(&docs(&texts, &authors));
    let fit = Fit::train(&corpus, &labels(texts.len(), 2, 0));
    assert_eq!(fit.mode(), FitMode::Similarity);
    let scores = fit.scores(&corpus).unwrap();
    let worst_decoding = (2..20).map(|i| scores[2 * i]).fold(f32::MAX, f32::min);
    let best_quantization = (0..20).map(|i| scores[2 * i + 1]).fold(f32::MIN, f32::max);
    assert!(worst_decoding > best_quantization);
}

#[test]
fn same_marks_and_papers_give_the_same_scores_bit_for_bit() {
    let texts = corpus_texts(30);
    let authors = author_refs(&texts);
    let marks = labels(texts.len(), 7, 5);
    let run = || {
        let corpus = Corpus::build(&docs(&texts, &authors));
        let scores = Fit::train(&corpus, &marks).scores(&corpus).unwrap();
        scores.iter().map(|s| s.to_bits()).collect::<Vec<u32>>()
    };
    let first = run();
    assert_eq!(first, run());
    // And the order the papers come in does not matter either.
    let order: Vec<usize> = (0..texts.len()).rev().collect();
    let shuffled_texts: Vec<_> = order.iter().map(|&i| texts[i].clone()).collect();
    let shuffled_authors = author_refs(&shuffled_texts);
    let shuffled_marks: Vec<Label> = order.iter().map(|&i| marks[i]).collect();
    let corpus = Corpus::build(&docs(&shuffled_texts, &shuffled_authors));
    let shuffled = Fit::train(&corpus, &shuffled_marks)
        .scores(&corpus)
        .unwrap();
    for (position, &original) in order.iter().enumerate() {
        assert_eq!(
            shuffled[position].to_bits(),
            first[original],
            "paper {original}"
        );
    }
}

#[test]
fn a_large_corpus_featurised_in_parallel_matches_one_featurised_alone() {
    // Enough papers for several threads; the first ones must come out as
    // if featurised in a corpus of their own, apart from the idf.
    let texts = corpus_texts(1_500);
    let authors = author_refs(&texts);
    let all = docs(&texts, &authors);
    let big = Corpus::build(&all);
    let buckets =
        |corpus: &Corpus, doc: usize| corpus.vector(doc).map(|(b, _)| b).collect::<Vec<_>>();
    let small = Corpus::build(&all[2_990..]);
    assert_eq!(buckets(&big, 2_995), buckets(&small, 5));
    assert_eq!(big.len(), 3_000);
    let norm: f32 = big.vector(2_999).map(|(_, w)| w * w).sum();
    assert!((norm - 1.0).abs() < 1e-5, "{norm}");
}

#[test]
fn explanations_add_up_and_read_as_written() {
    let texts = corpus_texts(20);
    let authors = author_refs(&texts);
    let all = docs(&texts, &authors);
    let corpus = Corpus::build(&all);
    let fit = Fit::train(&corpus, &labels(texts.len(), 6, 6));
    let doc = 30; // a held-out decoding paper
    let explanation = fit.explain(&corpus, doc, &all[doc]);
    let model = fit.model().unwrap();
    assert_eq!(explanation.fit, fit.scores(&corpus).unwrap()[doc]);
    let texts_up: Vec<&str> = explanation.top_up.iter().map(|t| t.text.as_str()).collect();
    assert!(
        texts_up
            .iter()
            .any(|t| *t == "speculative decoding" || *t == "au:Ana Draft"),
        "{texts_up:?}"
    );
    assert!(
        explanation
            .top_up
            .windows(2)
            .all(|w| w[0].weight >= w[1].weight)
    );
    assert!(explanation.top_down.iter().all(|t| t.weight < 0.0));
    // The full sum of contributions plus the bias is the margin.
    let sum: f32 = corpus.vector(doc).map(|(b, v)| v * model.weight(b)).sum();
    assert!((sum + explanation.bias - model.margin(&corpus, doc)).abs() < 1e-4);
    let (nearest, cosine) = explanation.nearest_starred.unwrap();
    assert!(fit.positives().contains(&nearest) && nearest != doc);
    assert!(cosine > 0.3, "{cosine}");
    assert!(model.weight(term_bucket("au:ana draft")) > 0.0);
    assert!(model.weight(term_bucket("au:quinn quant")) < 0.0);
}

#[test]
fn similar_finds_the_same_theme_and_leaves_the_query_out() {
    let texts = corpus_texts(10);
    let authors = author_refs(&texts);
    let all = docs(&texts, &authors);
    let corpus = Corpus::build(&all);
    let found = similar(&corpus, Query::<DocText>::Paper(4), 5);
    assert_eq!(found.len(), 5);
    assert!(
        found.iter().all(|&(doc, _)| doc % 2 == 0 && doc != 4),
        "{found:?}"
    );
    assert!(found.windows(2).all(|w| w[0].1 >= w[1].1));
    // An outside paper with the same text as paper 3 finds paper 3 first.
    let outside = similar(&corpus, Query::Text(&all[3]), 1);
    assert_eq!(outside[0].0, 3);
    assert!((outside[0].1 - 1.0).abs() < 1e-4);
    assert!(similar(&corpus, Query::<DocText>::Paper(0), 0).is_empty());
}
