//! What the words around a venue mention say about it: accepted, published, only submitted,
//! or not the main venue at all (a workshop, a contest).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    Accepted,
    Published,
    /// Submitted, under review, rejected: the paper is not (yet) at that venue.
    NotAccepted,
}

/// Phrases (lowercase, matched as whole words) and what they mean. Before a venue the last
/// one wins; after it (`ICLR 2025 submission`) any `NotAccepted` one rejects it.
const CUES: &[(&str, Cue)] = &[
    ("accepted", Cue::Accepted),
    ("accept", Cue::Accepted),
    ("acceptance", Cue::Accepted),
    ("to appear", Cue::Accepted),
    ("will appear", Cue::Accepted),
    ("forthcoming", Cue::Accepted),
    ("camera-ready", Cue::Accepted),
    ("camera ready", Cue::Accepted),
    ("published", Cue::Published),
    ("proceedings", Cue::Published),
    ("inproceedings", Cue::Published),
    ("proc.", Cue::Published),
    ("appeared in", Cue::Published),
    ("appeared at", Cue::Published),
    ("appears in", Cue::Published),
    ("presented at", Cue::Published),
    ("submitted", Cue::NotAccepted),
    ("resubmitted", Cue::NotAccepted),
    ("submitting", Cue::NotAccepted),
    ("submission", Cue::NotAccepted),
    ("under review", Cue::NotAccepted),
    ("in review", Cue::NotAccepted),
    ("under consideration", Cue::NotAccepted),
    ("rejected", Cue::NotAccepted),
];

/// Words near a venue meaning the paper belongs to something held *at* the venue, not to
/// its main proceedings: `NeurIPS 2024 Workshop on ...`, `code for the ICCAD 2024 contest`.
const NOT_MAIN_TRACK: &[&str] = &[
    "workshop",
    "contest",
    "competition",
    "challenge",
    "tutorial",
    "shared task",
    "hackathon",
    "doctoral",
    "student research",
    "reviewers",
];

/// Words of a venue's full name; a parenthesised acronym after one of them is a venue even
/// without year or cue: `IEEE Transactions on Computer-Aided Design (TCAD)`.
const FULL_NAME_WORDS: &[&str] = &[
    "conference",
    "symposium",
    "transactions",
    "journal",
    "proceedings",
    "letters",
];

/// Byte ranges of the lowercased text around one mention, all inside its sentence and not
/// reaching into the neighbouring mentions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Surroundings {
    /// From the sentence start (or the previous mention) to the mention.
    pub before: (usize, usize),
    /// From the mention to the next `,`/`;` (or sentence end, or next mention).
    pub after_clause: (usize, usize),
    /// From the mention to the sentence end (or the next mention).
    pub after_sentence: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    /// The cue that applies, if any.
    pub cue: Option<Cue>,
    /// A workshop, contest or similar is named next to the venue.
    pub not_main_track: bool,
    /// `Findings` is named next to the venue (ACL-family Findings volumes).
    pub findings: bool,
    /// A full-name word precedes the mention (`... Conference on X (ACR)`).
    pub after_full_name: bool,
}

pub(super) fn read(lower: &str, around: &Surroundings) -> Reading {
    let (before_start, before_end) = around.before;
    let (_, clause_end) = around.after_clause;
    let (after_start, after_end) = around.after_sentence;

    let mut before = Found::default();
    phrases_in(lower, before_start, before_end, |start, end, meaning| {
        before.note(start, end, meaning);
    });
    let mut after = Found::default();
    let mut clause = Found::default();
    phrases_in(lower, after_start, after_end, |start, end, meaning| {
        after.note(start, end, meaning);
        if end <= clause_end {
            clause.note(start, end, meaning);
        }
    });

    // `To appear in Proc. of ...`: "proceedings" names the venue, the state is "to appear".
    let before_cue = match before.last_cue {
        Some((end, Cue::Published)) if before.accepted => Some((end, Cue::Accepted)),
        other => other,
    };
    let cue = match before_cue {
        Some((_, Cue::NotAccepted)) => Some(Cue::NotAccepted),
        before_cue => after
            .not_accepted
            .then_some(Cue::NotAccepted)
            .or(before_cue.map(|(_, cue)| cue))
            .or(after.first_positive_cue),
    };
    // Words before an accepting cue belong to an earlier clause: in `code for the ICCAD
    // contest, accepted at DAC 2025` the contest is not DAC's.
    let track_start = before.last_cue.map_or(before_start, |(end, _)| end);
    Reading {
        cue,
        not_main_track: before
            .last_not_main_track
            .is_some_and(|start| start >= track_start)
            || clause.last_not_main_track.is_some(),
        findings: before.findings || clause.findings,
        after_full_name: before.full_name_word,
    }
}

/// What one window holds, collected in a single pass.
#[derive(Debug, Default)]
struct Found {
    /// End offset and meaning of the last cue.
    last_cue: Option<(usize, Cue)>,
    first_positive_cue: Option<Cue>,
    accepted: bool,
    not_accepted: bool,
    /// Start offset of the last workshop/contest-like word.
    last_not_main_track: Option<usize>,
    findings: bool,
    full_name_word: bool,
}

impl Found {
    fn note(&mut self, start: usize, end: usize, meaning: Meaning) {
        match meaning {
            Meaning::Cue(cue) => {
                self.last_cue = Some((end, cue));
                self.accepted |= cue == Cue::Accepted;
                if cue == Cue::NotAccepted {
                    self.not_accepted = true;
                } else if self.first_positive_cue.is_none() {
                    self.first_positive_cue = Some(cue);
                }
            }
            Meaning::NotMainTrack => self.last_not_main_track = Some(start),
            Meaning::Findings => self.findings = true,
            Meaning::FullNameWord => self.full_name_word = true,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Meaning {
    Cue(Cue),
    NotMainTrack,
    Findings,
    FullNameWord,
}

/// Phrases and what the one at each index means.
type PhraseGroup = (&'static [&'static str], fn(usize) -> Meaning);

/// Calls `found(start, end, meaning)` for each phrase of the tables above that occurs in
/// `lower[start..end]` as whole words (a plural `s` allowed), left to right. One pass over
/// word starts: a generic substring search per phrase costs several times more.
fn phrases_in(lower: &str, start: usize, end: usize, mut found: impl FnMut(usize, usize, Meaning)) {
    let Some(window) = lower.as_bytes().get(start..end) else {
        return;
    };
    let groups: [PhraseGroup; 4] = [
        (CUE_PHRASES, |index| Meaning::Cue(CUES[index].1)),
        (NOT_MAIN_TRACK, |_| Meaning::NotMainTrack),
        (&["findings"], |_| Meaning::Findings),
        (FULL_NAME_WORDS, |_| Meaning::FullNameWord),
    ];
    let starts_word = |index: usize| index == 0 || !window[index - 1].is_ascii_alphanumeric();
    for offset in (0..window.len()).filter(|&index| window[index].is_ascii_alphabetic()) {
        if !starts_word(offset) {
            continue;
        }
        let rest = &window[offset..];
        for (phrases, meaning) in &groups {
            for (index, phrase) in phrases.iter().enumerate() {
                // First byte first: almost every phrase fails there, without a memcmp call.
                if phrase.as_bytes().first() != rest.first() {
                    continue;
                }
                let Some(after) = rest.strip_prefix(phrase.as_bytes()) else {
                    continue;
                };
                let after = after.strip_prefix(b"s").unwrap_or(after);
                if after.first().is_some_and(u8::is_ascii_alphanumeric) {
                    continue;
                }
                let phrase_end = start + offset + phrase.len();
                found(start + offset, phrase_end, meaning(index));
            }
        }
    }
}

/// The phrases of [`CUES`] alone, in the same order.
const CUE_PHRASES: &[&str] = &{
    let mut phrases = [""; CUES.len()];
    let mut index = 0;
    while index < CUES.len() {
        phrases[index] = CUES[index].0;
        index += 1;
    }
    phrases
};
