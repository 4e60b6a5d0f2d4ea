//! Where in the templates a problem comes from: a Tera error, or a line of the generated Typst that typst
//! refused, traced back to a template file and line. A clerk who edits `templates/party/bien-ban.typ.tera`
//! must read "line 28 of that file", not "line 347 of a source they never see". Tera keeps no map from its
//! output back to the template, so a generated line is matched against the template lines: the fixed text of
//! a template line (what is left once its `{{ … }}` and `{% … %}` are taken out) must appear in order in it.

use std::path::PathBuf;

use crate::diag::{Text, t};

/// One template as loaded: its name, the user file that replaced the built-in one (None: built in), and its
/// text as written (comments included, so that line numbers are the file's).
#[derive(Debug, Clone)]
pub struct TemplateText {
    /// The template's name, such as `party/bien-ban.typ.tera`.
    pub name: String,
    /// The user's file, when it overrides the built-in template.
    pub path: Option<PathBuf>,
    /// The text as written.
    pub text: String,
}

/// A place in a template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// The user's file, or `built-in NAME` for a template bienban ships.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The line's text, trimmed and cut to a readable length.
    pub excerpt: String,
}

impl Spot {
    fn new(template: &TemplateText, line: usize, column: Option<usize>) -> Self {
        let text = template.text.lines().nth(line - 1).unwrap_or("").trim();
        let mut excerpt: String = text.chars().take(100).collect();
        if excerpt.len() < text.len() {
            excerpt.push('…');
        }
        Self {
            file: match &template.path {
                Some(path) => path.display().to_string(),
                None => format!("built-in {}", template.name),
            },
            line,
            column,
            excerpt: crate::diag::excerpt::escape(&excerpt).into_owned(),
        }
    }

    /// `template FILE, line N[, column C] (`the line`)` in both languages.
    pub fn describe(&self) -> Text {
        let column = |word: &str| {
            self.column
                .map(|c| format!(", {word} {c}"))
                .unwrap_or_default()
        };
        t(
            format!(
                "template {}, line {}{}: `{}`",
                self.file,
                self.line,
                column("column"),
                self.excerpt
            ),
            format!(
                "mẫu {}, dòng {}{}: `{}`",
                self.file,
                self.line,
                column("cột"),
                self.excerpt
            ),
        )
    }
}

/// The fixed text of a template line, in pieces: what remains once every Tera tag is taken out.
fn fixed_pieces(line: &str) -> Vec<&str> {
    let mut pieces = vec![];
    let mut rest = line;
    while let Some(start) = ["{{", "{%", "{#"]
        .iter()
        .filter_map(|open| rest.find(open))
        .min()
    {
        pieces.push(&rest[..start]);
        let close = match &rest[start..start + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        rest = rest[start + 2..]
            .find(close)
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    pieces.push(rest);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// How well a template line explains a generated line: the length of its fixed text when every piece appears
/// in order (a line of only tags explains nothing), or None.
fn score(template_line: &str, generated: &str) -> Option<usize> {
    let pieces = fixed_pieces(template_line);
    if pieces.is_empty() {
        return None;
    }
    let mut rest = generated;
    for piece in &pieces {
        let at = rest.find(piece)?;
        rest = &rest[at + piece.len()..];
    }
    Some(pieces.iter().map(|p| p.len()).sum())
}

/// The template line that produced `generated` (a line of the Typst source): the best-explaining line of all
/// templates, a user's file before a built-in one when they explain it equally well.
pub fn generated_line(templates: &[TemplateText], generated: &str) -> Option<Spot> {
    let generated = generated.trim();
    if generated.is_empty() {
        return None;
    }
    let mut best: Option<(usize, bool, &TemplateText, usize)> = None;
    for template in templates {
        for (i, line) in template.text.lines().enumerate() {
            let Some(score) = score(line, generated) else {
                continue;
            };
            let user = template.path.is_some();
            if best.is_none_or(|(s, u, _, _)| (score, user) > (s, u)) {
                best = Some((score, user, template, i + 1));
            }
        }
    }
    // Two characters of fixed text (`],`) explain nothing.
    best.filter(|(score, ..)| *score >= 3)
        .map(|(_, _, template, line)| Spot::new(template, line, None))
}

/// The place a Tera error names: the line and column of a parse error (`--> 28:16`), or, for a render error,
/// the first line of the failing template that uses the name the error quotes (a variable, filter or
/// function).
pub fn tera_error(templates: &[TemplateText], message: &str) -> Option<Spot> {
    let name = quoted_after(message, "while rendering '")
        .or_else(|| quoted_after(message, "Failed to render '"))
        .or_else(|| quoted_after(message, "Failed to parse '"))?;
    let template = templates.iter().find(|t| t.name == name)?;
    if let Some((line, column)) = parse_position(message) {
        return Some(Spot::new(template, line, Some(column)));
    }
    let culprit = [
        "Variable `",
        "Filter '",
        "Function '",
        "Function call '",
        "Test '",
        "Macro `",
    ]
    .iter()
    .find_map(|lead| {
        let close = if lead.ends_with('`') { '`' } else { '\'' };
        let start = message.find(lead)? + lead.len();
        let end = message[start..].find(close)? + start;
        Some(&message[start..end])
    })?;
    let line = template
        .text
        .lines()
        .position(|l| in_tag(l, culprit))
        .or_else(|| template.text.lines().position(|l| l.contains(culprit)))?;
    Some(Spot::new(template, line + 1, None))
}

/// The text between `lead` and the next `'`.
fn quoted_after<'a>(message: &'a str, lead: &str) -> Option<&'a str> {
    let start = message.rfind(lead)? + lead.len();
    let end = message[start..].find('\'')? + start;
    Some(&message[start..end])
}

/// The `LINE:COLUMN` after `-->` in a Tera (pest) parse error.
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let at = message.find("--> ")? + 4;
    let digits: String = message[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (line, column) = digits.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// Whether `name` appears inside a `{{ … }}` or `{% … %}` of the line.
fn in_tag(line: &str, name: &str) -> bool {
    let mut rest = line;
    while let Some(start) = ["{{", "{%"].iter().filter_map(|o| rest.find(o)).min() {
        let close = if &rest[start..start + 2] == "{{" {
            "}}"
        } else {
            "%}"
        };
        let end = rest[start..].find(close).map_or(rest.len(), |e| start + e);
        if rest[start..end].contains(name) {
            return true;
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() < 2 {
            break;
        }
        rest = &rest[2..];
    }
    false
}

/// The reason in a Tera parse error: pest's `= expected …` line, without the drawing around it.
pub fn tera_reason(message: &str) -> String {
    message
        .rsplit_once("= ")
        .map(|(_, reason)| reason.trim().to_string())
        .unwrap_or_else(|| message.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, text: &str) -> TemplateText {
        TemplateText {
            name: name.into(),
            path: Some(PathBuf::from(format!("templates/{name}"))),
            text: text.into(),
        }
    }

    #[test]
    fn a_generated_line_is_traced_to_the_template_line_that_made_it() {
        let templates = [
            user(
                "party/bien-ban.typ.tera",
                "#set page()\n{% if x %}\n  [{{ number }}], #undefined-fn(1),\n{% endif %}\n",
            ),
            TemplateText {
                name: "common/setup.typ.tera".into(),
                path: None,
                text: "#let a = 1\n[{{ number }}],\n".into(),
            },
        ];
        let spot = generated_line(&templates, "    [Số 05-BB/CB], #undefined-fn(1),").unwrap();
        assert_eq!(spot.file, "templates/party/bien-ban.typ.tera");
        assert_eq!(spot.line, 3);
        assert!(
            spot.describe()
                .en
                .contains("line 3: `[{{ number }}], #undefined-fn(1),`")
        );
        // A line no template explains is not guessed at.
        assert_eq!(generated_line(&templates, "Nội dung biên bản"), None);
    }

    #[test]
    fn tera_errors_name_their_line() {
        let templates = [user(
            "party/bien-ban.typ.tera",
            "a\nb {{ numbr }}\nc {{ x | nosuch }}\n",
        )];
        let render = "Failed to render 'party/bien-ban.typ.tera': Variable `numbr` not found in context while rendering 'party/bien-ban.typ.tera'";
        assert_eq!(tera_error(&templates, render).unwrap().line, 2);
        let filter = "Failed to render 'party/bien-ban.typ.tera': Filter 'nosuch' not found";
        assert_eq!(tera_error(&templates, filter).unwrap().line, 3);
        let parse = "Failed to parse 'party/bien-ban.typ.tera':   --> 2:12\n  |\n2 | b {{ numbr }\n  |   ^---\n  = expected a variable end (`}}`)";
        let spot = tera_error(&templates, parse).unwrap();
        assert_eq!((spot.line, spot.column), (2, Some(12)));
        assert_eq!(tera_reason(parse), "expected a variable end (`}}`)");
    }
}
