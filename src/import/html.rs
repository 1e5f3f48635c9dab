//! Pages as saved from a browser or fetched with curl: HTML turned into the
//! lines the text importers read, by one HTML parser (`scraper`, over
//! html5ever) shared by every importer.
//!
//! A text is HTML when it begins, after whitespace or a byte-order mark,
//! with `<!doctype html` or `<html` (in any case); anything else is text.
//! Only what a reader sees as the page's content becomes lines: the
//! `<main>` element (or `role="main"`) when there is one, else the body;
//! scripts, styles, navigation, forms, embedded media and the site's footer
//! are dropped. Nothing is fetched: links, images and style sheets are
//! never followed. Block elements end lines; paragraphs, headings, lists
//! and tables stand apart with a blank line; items of an ordered list are
//! numbered, as a pasted list reads.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

/// Whether `text` is an HTML page rather than text.
pub fn is_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head: String = start
        .chars()
        .take(14)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The text a reader sees in an HTML page, one block per line.
pub fn to_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let main = Selector::parse(r#"main, [role="main"]"#).expect("valid selector");
    let body = Selector::parse("body").expect("valid selector");
    let root = document
        .select(&main)
        .next()
        .or_else(|| document.select(&body).next())
        .unwrap_or_else(|| document.root_element());
    let mut out = Lines::default();
    walk(*root, &mut out, 0, false);
    out.finish()
}

/// Elements whose content is never the page's content.
const DROPPED: [&str; 21] = [
    "script", "style", "noscript", "template", "nav", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "head", "title", "form", "button", "select", "textarea", "footer",
    "dialog",
];

/// ARIA roles of the site's own furniture.
const DROPPED_ROLES: [&str; 4] = ["navigation", "banner", "contentinfo", "search"];

/// Elements that stand apart from what surrounds them with a blank line.
const PARAGRAPHS: [&str; 18] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "figure",
    "details",
    "hr",
];

/// Elements that end a line.
const BLOCKS: [&str; 16] = [
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "header",
    "main",
    "address",
    "figcaption",
    "summary",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "legend",
    "fieldset",
];

/// The lines being written.
#[derive(Default)]
struct Lines {
    text: String,
    /// A list item's number, written before its first text, so that an
    /// item holding a paragraph (`<li><p>…</p></li>`) reads `1. …`.
    marker: Option<String>,
}

impl Lines {
    /// Adds inline text; whitespace at the start of a line is layout.
    fn push_text(&mut self, s: &str) {
        let at_line_start = self.text.is_empty() || self.text.ends_with('\n');
        let s = if at_line_start { s.trim_start() } else { s };
        if s.is_empty() {
            return;
        }
        if let Some(marker) = self.marker.take() {
            self.text.push_str(&marker);
        }
        self.text.push_str(s);
    }

    fn end_line(&mut self) {
        if self.marker.is_none() && !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn blank_line(&mut self) {
        if self.marker.is_some() {
            return;
        }
        self.end_line();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// A line break that counts, as in preformatted text.
    fn newline(&mut self) {
        self.text.push('\n');
    }

    /// Each line trimmed, runs of blank lines made one.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut blank = true;
        for line in self.text.lines() {
            let line = line.trim_matches(|c: char| c.is_whitespace());
            if line.is_empty() {
                if !blank {
                    out.push('\n');
                }
                blank = true;
            } else {
                out.push_str(line);
                out.push('\n');
                blank = false;
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

/// Writes the text under `node`; `item` numbers the items of the ordered
/// list `node` is in (0 outside one).
fn walk(node: NodeRef<'_, Node>, out: &mut Lines, depth: usize, pre: bool) {
    // Deeply nested markup is flattened rather than followed further: the
    // parser has already built the tree, and no real page nests this deep.
    if depth > 512 {
        return;
    }
    let mut number = 0;
    for child in node.children() {
        match child.value() {
            // Inside `<pre>` (a text file a browser saved) line breaks are
            // the text's; elsewhere they are layout.
            Node::Text(text) if pre => {
                for (i, part) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.newline();
                    }
                    out.push_text(part.trim_end_matches('\r'));
                }
            }
            Node::Text(text) => out.push_text(&text.replace(['\n', '\r'], " ")),
            Node::Element(element) => {
                let name = element.name();
                if DROPPED.contains(&name)
                    || element
                        .attr("role")
                        .is_some_and(|r| DROPPED_ROLES.contains(&r))
                    || element.attr("hidden").is_some()
                    || element.attr("aria-hidden") == Some("true")
                {
                    continue;
                }
                if name == "br" {
                    out.end_line();
                    continue;
                }
                let paragraph = PARAGRAPHS.contains(&name);
                let block = paragraph || BLOCKS.contains(&name);
                if paragraph {
                    out.blank_line();
                } else if block {
                    out.end_line();
                }
                let numbered = name == "li"
                    && ElementRef::wrap(node).is_some_and(|p| p.value().name() == "ol");
                if numbered {
                    number += 1;
                    out.marker = Some(format!("{number}. "));
                }
                if matches!(name, "td" | "th") {
                    out.push_text(" ");
                }
                walk(child, out, depth + 1, pre || name == "pre");
                if numbered {
                    out.marker = None;
                }
                if paragraph {
                    out.blank_line();
                } else if block {
                    out.end_line();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_by_its_first_tag() {
        for html in [
            "<!DOCTYPE html><html></html>",
            "\n  <!doctype html>",
            "\u{feff}<html lang=\"en\">",
            "<HTML>",
        ] {
            assert!(is_html(html), "{html:?}");
        }
        for text in [
            "IGF 2024 WS #1 <html>",
            "<p>IGF</p>",
            "",
            "<!-- c --><html>",
        ] {
            assert!(!is_html(text), "{text:?}");
        }
    }

    #[test]
    fn only_the_content_becomes_lines() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style>\
            <script>var x = 'Speaker 9: A B, Government, WEOG';</script></head><body>\
            <nav><a href=/>Home</a></nav><main><h1>IGF 2024 WS #1 A &amp; B</h1>\
            <p>Speaker 1: A&nbsp;B, Civil Society, WEOG<br>Speaker 2: C D, Government, WEOG</p>\
            <h2>Policy Question(s)</h2><ol><li>One?</li><li>Two?</li></ol>\
            <script>alert(1)</script></main><footer>(c) Site</footer></body></html>";
        assert_eq!(
            to_text(html),
            "IGF 2024 WS #1 A & B\n\nSpeaker 1: A\u{a0}B, Civil Society, WEOG\n\
             Speaker 2: C D, Government, WEOG\n\nPolicy Question(s)\n\n1. One?\n2. Two?\n"
        );
    }

    #[test]
    fn a_saved_text_file_and_list_items_holding_paragraphs_read_as_written() {
        let html = "<html><body><pre>IGF 2024 WS #1 T\nSpeaker 1: A B, Government, WEOG\n\n\
            Description:\nText.</pre></body></html>";
        assert_eq!(
            to_text(html),
            "IGF 2024 WS #1 T\nSpeaker 1: A B, Government, WEOG\n\nDescription:\nText.\n"
        );
        let html = "<html><body><ol><li><p>What is X?</p></li><li><p>Who pays?</p></li></ol>\
            </body></html>";
        assert_eq!(to_text(html), "1. What is X?\n\n2. Who pays?\n");
    }

    #[test]
    fn without_main_the_body_is_read() {
        let html = "<html><body><div>Organizers</div><div>A B, Example Org, Civil Society</div>\
            <div hidden>secret</div><span aria-hidden=\"true\">icon</span></body></html>";
        assert_eq!(
            to_text(html),
            "Organizers\nA B, Example Org, Civil Society\n"
        );
    }
}
