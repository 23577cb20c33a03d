//! Making text from the network safe to print on a terminal.
//!
//! Titles, abstracts and error bodies come from servers we do not control. A
//! raw escape sequence in them could recolour the terminal, move the cursor
//! over earlier output, set the window title or plant a hyperlink (OSC 8), so
//! everything shown on a terminal goes through [`terminal_safe`] first.
//! Bidirectional controls (which can make a title read backwards, or hide
//! where a line really ends) and zero-width characters (which make two ids
//! or words that look alike differ) are removed too.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator, the one-character form of `ESC \`.
const C1_ST: char = '\u{9c}';
/// 8-bit Control Sequence Introducer, the one-character form of `ESC [`.
const C1_CSI: char = '\u{9b}';

/// `s` with every escape sequence removed whole, C0/C1 controls, DEL,
/// bidi controls and zero-width characters dropped, and tab, newline and carriage return each turned into a space
/// (so one record stays on one line). Borrowed when nothing needed changing,
/// which is the common case and costs one scan.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            ESC => skip_escape_sequence(&mut chars),
            C1_CSI => skip_control_sequence(&mut chars),
            // DCS, SOS, OSC, PM, APC: 8-bit openers of a control string.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_control_string(&mut chars),
            c if needs_care(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// C0 controls (tab, newline and CR included: they become spaces), DEL,
/// the C1 range, which some terminals still obey, and [`is_invisible`].
fn needs_care(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) || is_invisible(c)
}

/// Bidi embeddings and overrides (U+202A–202E), isolates (U+2066–2069),
/// zero-width space, non-joiner and joiner (U+200B–200D), word joiner
/// (U+2060) and the byte order mark / zero-width no-break space (U+FEFF).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'
            | '\u{feff}'
    )
}

/// After an ESC: consume the rest of the sequence it starts. An ESC followed
/// by something that cannot continue a sequence (a control, DEL, non-ASCII or
/// the end of the text) is dropped alone; the next character is processed
/// normally so visible text is not lost.
fn skip_escape_sequence(chars: &mut Peekable<Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        // OSC, DCS, SOS, PM, APC: strings running up to a terminator.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_control_string(chars);
        }
        // nF sequences such as `ESC ( 0` (switch to line drawing): any
        // intermediates, then one final byte.
        Some(' '..='/') => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        // Two-character sequences: `ESC 7`, `ESC c` (reset), `ESC M`, ...
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI body: parameter bytes `0-?`, intermediate bytes ` -/`, one final byte
/// `@-~`. A malformed sequence stops at the first character that fits none
/// of these, which is left for the caller so no visible text is lost.
fn skip_control_sequence(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| ('0'..='?').contains(c)).is_some() {}
    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// OSC/DCS/... body: everything up to BEL, `ESC \` or the 8-bit ST. An
/// unterminated string swallows the rest of the text, as a terminal would:
/// what follows was never meant to be seen.
fn skip_control_string(chars: &mut Peekable<Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | C1_ST => return,
            ESC => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_characters_are_removed() {
        let title = "Safe \u{202e}txt.exe\u{202c} a\u{200b}b\u{200c}c\u{200d}d\u{2060}e\u{feff}f \u{2066}x\u{2069}";
        assert_eq!(terminal_safe(title), "Safe txt.exe abcdef x");
        assert_eq!(
            terminal_safe("\u{202a}\u{202b}\u{202d}\u{2067}\u{2068}"),
            ""
        );
        // Right-to-left text itself is kept: only the controls go.
        assert_eq!(terminal_safe("שלום"), "שלום");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Speculative decoding on NPUs: 2.7× faster, ünïcödé and emoji 🚀";
        let safe = terminal_safe(text);
        assert!(matches!(safe, Cow::Borrowed(_)));
        assert_eq!(safe, text);
    }

    #[test]
    fn colour_codes_are_removed_whole() {
        assert_eq!(
            terminal_safe("\x1b[1;31mred alert\x1b[0m done"),
            "red alert done"
        );
        assert_eq!(terminal_safe("\x1b[38;5;208morange\x1b[m"), "orange");
    }

    #[test]
    fn cursor_movement_and_screen_clearing_are_removed() {
        assert_eq!(
            terminal_safe("a\x1b[2Jb\x1b[Hc\x1b[10;20Hd\x1b[3Ae"),
            "abcde"
        );
        assert_eq!(terminal_safe("private\x1b[?25lmode"), "privatemode");
    }

    #[test]
    fn osc8_hyperlink_keeps_only_its_visible_text() {
        let link = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\ now";
        assert_eq!(terminal_safe(link), "click me now");
    }

    #[test]
    fn title_setting_osc_ended_by_bell_is_removed() {
        assert_eq!(terminal_safe("x\x1b]0;pwned title\x07y"), "xy");
        assert_eq!(terminal_safe("x\x1b]2;title\x1b\\y"), "xy");
    }

    #[test]
    fn unterminated_osc_swallows_the_rest() {
        assert_eq!(terminal_safe("seen\x1b]0;never ends"), "seen");
    }

    #[test]
    fn bell_and_other_c0_controls_are_dropped() {
        assert_eq!(terminal_safe("ding\x07dong\x00\x08\x7f!"), "dingdong!");
    }

    #[test]
    fn tab_newline_and_cr_become_spaces() {
        assert_eq!(terminal_safe("a\tb\nc\rd"), "a b c d");
    }

    #[test]
    fn two_character_and_charset_escapes_are_removed() {
        // ESC c resets the terminal; ESC ( 0 switches to line-drawing glyphs.
        assert_eq!(terminal_safe("a\x1bcb\x1b(0c\x1b(Bd\x1b7e"), "abcde");
    }

    #[test]
    fn eight_bit_csi_is_removed_with_its_parameters() {
        assert_eq!(terminal_safe("a\u{9b}31mb\u{9b}2Jc"), "abc");
    }

    #[test]
    fn eight_bit_osc_is_removed_up_to_its_terminator() {
        assert_eq!(terminal_safe("a\u{9d}0;title\u{9c}b"), "ab");
    }

    #[test]
    fn other_c1_controls_are_dropped() {
        assert_eq!(terminal_safe("a\u{85}b\u{80}c\u{9a}d"), "abcd");
    }

    #[test]
    fn lone_or_trailing_escape_is_dropped() {
        assert_eq!(terminal_safe("end\x1b"), "end");
        assert_eq!(terminal_safe("a\x1b\u{e9}b"), "a\u{e9}b");
    }

    #[test]
    fn malformed_csi_keeps_the_following_text() {
        // A non-ASCII character cannot be part of a CSI: the sequence ends.
        assert_eq!(terminal_safe("\x1b[12é text"), "é text");
    }
}
