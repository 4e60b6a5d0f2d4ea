//! The help texts in the clerk's language. The language is decided from the command line before clap parses
//! it: `--lang en` or `--lang vi` when given; else the `lang` of the `bienban.toml` governing the working
//! folder; else English when `LANG` (or `LC_ALL`, `LC_MESSAGES`) names an English locale (`en_US.UTF-8`),
//! Vietnamese otherwise. The English help is the doc comments of [`crate::cmd::cli`]; the Vietnamese one is
//! laid over the same [`clap::Command`] at run time, so both always have the same options.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cmd::cli::Cli;
use crate::diag::Lang;

/// The language given with `--lang` on the command line, if any.
fn lang_flag(args: &[OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .map(|w| w[1].clone())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(str::to_string))
        })?;
    match value.as_str() {
        "en" => Some(Lang::En),
        "vi" => Some(Lang::Vi),
        _ => None,
    }
}

/// The `lang` of the `bienban.toml` governing the working folder.
fn project_lang() -> Option<Lang> {
    let path = crate::input::project::find(std::path::Path::new("."))?;
    crate::input::project::load(&path).ok()?.lang
}

/// Whether the locale environment names English.
fn english_locale() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .is_some_and(|v| v.starts_with("en"))
}

/// The language of the help texts (see the module documentation).
pub fn lang_of(args: &[OsString]) -> Lang {
    lang_flag(args)
        .or_else(project_lang)
        .unwrap_or(if english_locale() { Lang::En } else { Lang::Vi })
}

/// The arguments with `--lang` added from `bienban.toml` when the command line gives none and the
/// subcommand takes one, so that messages follow the archive's language too.
pub fn with_project_lang(mut args: Vec<OsString>) -> Vec<OsString> {
    if lang_flag(&args).is_some() || args.iter().any(|a| a == "--") {
        return args;
    }
    let Some(lang) = project_lang() else {
        return args;
    };
    let takes_lang = args.get(1).is_some_and(|name| {
        Cli::command()
            .find_subcommand(name)
            .is_some_and(|c| c.get_arguments().any(|a| a.get_id() == "lang"))
    });
    if takes_lang {
        let value = if lang == Lang::En { "en" } else { "vi" };
        args.push(OsString::from(format!("--lang={value}")));
    }
    args
}

/// The parsed command line; exits with the help, the version or the mistake in `lang` when there is one to show.
/// A command line clap accepts is parsed with the plain definition: laying the Vietnamese texts over every
/// argument costs a fresh process about 2 ms (perf), and only help and mistakes show them.
pub fn parse(args: Vec<OsString>, lang: Lang) -> clap::ArgMatches {
    if let Ok(matches) = Cli::command().try_get_matches_from(&args) {
        return matches;
    }
    let mut command = command(lang);
    let matches = match command.clone().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => crate::cmd::usage::exit(e, lang),
    };
    help_subcommand(&mut command, &matches);
    matches
}

/// The command line's definition with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let command = Cli::command();
    match lang {
        Lang::En => command,
        Lang::Vi => vietnamese(command, "bienban")
            .disable_help_subcommand(true)
            .subcommand(
                Command::new("help").about("In trợ giúp của một lệnh").arg(
                    Arg::new("command")
                        .num_args(0..)
                        .help("Lệnh cần xem trợ giúp"),
                ),
            )
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .long("version")
                    .short('V')
                    .action(ArgAction::Version)
                    .help("In số phiên bản"),
            ),
    }
}

/// The help template with Vietnamese headings.
const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// `command` (named by its path, `bienban index`) and its subcommands with Vietnamese help.
fn vietnamese(mut command: Command, path: &str) -> Command {
    if let Some((about, long)) = about_vi(path) {
        command = command.about(about).long_about(long);
    }
    command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .long("help")
                .short('h')
                .action(ArgAction::Help)
                .help("In trợ giúp này")
                .help_heading("Tùy chọn"),
        );
    let ids: Vec<String> = command
        .get_arguments()
        .filter(|a| a.get_id() != "help")
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_vi(path, &id);
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            let arg = arg.help_heading(heading);
            match help {
                Some(help) => {
                    let help = format!("{help}{}", values_vi(&arg));
                    arg.help(help)
                        .long_help(None)
                        .hide_possible_values(true)
                        .hide_default_value(true)
                }
                None => arg,
            }
        });
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[TÙY CHỌN]")
        .replace("<COMMAND>", "<LỆNH>");
    let usage = match path.rsplit_once(' ') {
        Some((parents, _)) => format!("{parents} {usage}"),
        None => usage,
    };
    command = command.override_usage(usage);
    let subs: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in subs {
        let sub_path = format!("{path} {sub}");
        command = command.mut_subcommand(&sub, |c| vietnamese(c, &sub_path));
    }
    command
}

/// An argument's values and default, said in Vietnamese: ` [giá trị: pdf, typst; mặc định: pdf]`.
fn values_vi(arg: &Arg) -> String {
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let flag = matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse);
    let mut parts = vec![];
    if !values.is_empty() && !flag {
        parts.push(format!("giá trị: {}", values.join(", ")));
    }
    if !defaults.is_empty() && !flag {
        parts.push(format!("mặc định: {}", defaults.join(",")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" [{}]", parts.join("; "))
    }
}

/// A command's Vietnamese summary and long description (with its example).
fn about_vi(path: &str) -> Option<(&'static str, &'static str)> {
    ABOUT
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, a, l)| (*a, *l))
}

/// The Vietnamese help of argument `id` of the command at `path`: its own, else the one every command shares.
fn arg_vi(path: &str, id: &str) -> Option<&'static str> {
    let command = path.rsplit(' ').next().unwrap_or(path);
    ARGS.iter()
        .find(|(c, i, _)| *c == command && *i == id)
        .or_else(|| ARGS.iter().find(|(c, i, _)| c.is_empty() && *i == id))
        .map(|(_, _, h)| *h)
}

/// Each command's summary and description, in Vietnamese.
const ABOUT: &[(&str, &str, &str)] = &[
    (
        "bienban",
        "bienban — lập biên bản từ Markdown ra PDF theo thể thức chính thức của Việt Nam.",
        "bienban — lập biên bản từ Markdown ra PDF theo thể thức chính thức của Việt Nam.\n\nViết biên bản bằng Markdown với phần khai báo YAML, kiểm tra, rồi dựng PDF theo thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW) hoặc của Nhà nước (Nghị định 30/2020/NĐ-CP).",
    ),
    (
        "bienban build",
        "Kiểm tra và dựng các tệp biên bản ra PDF.",
        "Kiểm tra và dựng các tệp biên bản ra PDF.\n\nMột thư mục nghĩa là mọi tệp `*.md` có phần khai báo trong đó. Không nêu đường dẫn thì dựng thư mục `minutes/`.\n\nVí dụ: bienban build minutes/ --out-dir pdf/",
    ),
    (
        "bienban check",
        "Kiểm tra các tệp biên bản và in mọi lỗi; không ghi gì.",
        "Kiểm tra các tệp biên bản và in mọi lỗi; không ghi gì.\n\nVí dụ: bienban check minutes/2023-08-30-chi-bo-dai-loi.md",
    ),
    (
        "bienban schema",
        "In lược đồ JSON của phần khai báo (để trình soạn thảo gợi ý và kiểm tra).",
        "In lược đồ JSON của phần khai báo (để trình soạn thảo gợi ý và kiểm tra).\n\nVí dụ: bienban schema > bienban.schema.json",
    ),
    (
        "bienban extract",
        "Lấy ra các tệp đính kèm trong một PDF lưu trữ (dựng với `--pdf-standard a-3b`).",
        "Lấy ra các tệp đính kèm trong một PDF lưu trữ (dựng với `--pdf-standard a-3b`): bản gốc biên bản (`.md`) và dữ liệu đã đọc (`.json`), để dựng lại kho lưu trữ chỉ từ PDF.\n\nVí dụ: bienban extract luu-tru/2023-08-30-chi-bo-dai-loi.pdf --out-dir khoi-phuc/",
    ),
    (
        "bienban verify",
        "Dựng lại một biên bản trong bộ nhớ và đối chiếu từng byte với một PDF.",
        "Dựng lại một biên bản trong bộ nhớ và đối chiếu từng byte với một PDF; khác nhau thì thoát với mã 1 và nêu lý do. Chuẩn PDF được đọc từ chính PDF đó.\n\nVí dụ: bienban verify minutes/2023-08-30-chi-bo-dai-loi.md minutes/2023-08-30-chi-bo-dai-loi.pdf",
    ),
    (
        "bienban new",
        "Tạo tệp biên bản mẫu có chú thích (ngày hôm nay); không bao giờ ghi đè.",
        "Tạo tệp biên bản mẫu có chú thích (ngày hôm nay), qua được `check` khi đã điền các chỗ trống (`<…>`); không bao giờ ghi đè tệp đã có. Các giá trị trong `[defaults]` của bienban.toml được điền sẵn.\n\nVí dụ: bienban new minutes/2024-03-15-chi-bo.md --kind thematic",
    ),
    (
        "bienban index",
        "Sổ theo dõi biên bản trong một thư mục, nêu số trùng và số thiếu.",
        "Sổ theo dõi biên bản trong một thư mục, nêu số trùng và số thiếu.\n\nMỗi biên bản một dòng: số, ngày, tổ chức, cuộc họp, có mặt, biện pháp, biểu quyết, tình trạng. Với `--remedies`: mọi biện pháp đã thông qua, người phụ trách, thời hạn, tình trạng mới nhất; biện pháp quá hạn được đánh dấu.\n\nVí dụ: bienban index minutes/ --format pdf -o so-theo-doi-bien-ban.pdf",
    ),
    (
        "bienban watch",
        "Dựng lại một biên bản mỗi lần lưu, in các lỗi, cho đến khi dừng (Ctrl-C).",
        "Dựng lại một biên bản mỗi lần lưu, in các lỗi, cho đến khi dừng (Ctrl-C).\n\nVí dụ: bienban watch minutes/2023-08-30-chi-bo-dai-loi.md",
    ),
    (
        "bienban lsp",
        "Máy chủ ngôn ngữ (Language Server Protocol) cho trình soạn thảo, qua stdin/stdout: báo lỗi ngay khi gõ, gợi ý khóa và giá trị, giải thích khi di chuột, sửa nhanh và dàn ý của biên bản.",
        "Máy chủ ngôn ngữ (Language Server Protocol) cho trình soạn thảo, qua stdin/stdout: báo lỗi ngay khi gõ, gợi ý khóa và giá trị, giải thích khi di chuột, sửa nhanh và dàn ý của biên bản.\n\nVí dụ (trình soạn thảo tự chạy lệnh này): bienban lsp",
    ),
    (
        "bienban preview",
        "Xem các trang của biên bản trong trình duyệt, cập nhật mỗi lần lưu, lỗi hiện phía trên các trang đúng gần nhất. Chỉ nghe ở 127.0.0.1.",
        "Xem các trang của biên bản trong trình duyệt, cập nhật mỗi lần lưu, lỗi hiện phía trên các trang đúng gần nhất. Chỉ nghe ở 127.0.0.1.\n\nVí dụ: bienban preview minutes/2023-08-30-chi-bo-dai-loi.md --port 8080",
    ),
    (
        "bienban templates",
        "Các mẫu có sẵn: ghi ra để sửa.",
        "Các mẫu có sẵn: ghi ra để sửa.\n\nVí dụ: bienban templates export templates/",
    ),
    (
        "bienban templates export",
        "Ghi các mẫu có sẵn ra một thư mục để sửa (không ghi đè nếu không có `--force`).",
        "Ghi các mẫu có sẵn ra một thư mục để sửa (không ghi đè nếu không có `--force`). Đặt thư mục đó cạnh bienban.toml với tên `templates/` thì mọi biên bản bên dưới dùng nó.\n\nVí dụ: bienban templates export templates/",
    ),
    (
        "bienban completions",
        "In đoạn mã tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell).",
        "In đoạn mã tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell).\n\nVí dụ: bienban completions bash > ~/.local/share/bash-completion/completions/bienban",
    ),
    (
        "bienban man",
        "In trang hướng dẫn (man, định dạng roff), hoặc ghi mỗi lệnh một trang với `--out-dir`.",
        "In trang hướng dẫn (man, định dạng roff), hoặc ghi mỗi lệnh một trang với `--out-dir`.\n\nVí dụ: bienban man --out-dir ~/.local/share/man/man1",
    ),
];

/// Arguments' help in Vietnamese: (command, argument id, help); an empty command is shared by all.
const ARGS: &[(&str, &str, &str)] = &[
    (
        "",
        "paths",
        "Các tệp hoặc thư mục biên bản (mặc định: `minutes/`)",
    ),
    (
        "",
        "out_dir",
        "Ghi kết quả vào thư mục này, giữ cấu trúc thư mục con",
    ),
    (
        "",
        "format",
        "Ghi ra dạng gì: PDF, ảnh xem trước từng trang, hoặc mã Typst đã sinh",
    ),
    (
        "",
        "pdf_standard",
        "Chuẩn lưu trữ PDF phải đạt, cách nhau bởi dấu phẩy: a-2b, a-3b (kèm bản gốc), ua-1 (dễ tiếp cận)",
    ),
    (
        "",
        "ppi",
        "Độ phân giải ảnh PNG xem trước, số điểm ảnh trên mỗi inch (1 đến 1200)",
    ),
    (
        "",
        "templates",
        "Thư mục mẫu thay cho mẫu có sẵn theo tên (mặc định: theo bienban.toml, hoặc `templates/` cạnh biên bản)",
    ),
    (
        "",
        "font_path",
        "Thư mục phông chữ thêm; có Times New Roman thì biên bản dùng phông này",
    ),
    (
        "",
        "jobs",
        "Số việc chạy song song (mặc định: mọi nhân máy)",
    ),
    ("", "force", "Dựng lại mọi tệp, kể cả tệp đã mới"),
    (
        "",
        "verbose",
        "Nói rõ mỗi tệp đã dùng những tệp mẫu nào (có sẵn, hay tệp thay thế nào)",
    ),
    ("", "diagnostic_format", "Cách in thông báo lỗi"),
    ("", "lang", "Ngôn ngữ của thông báo (mã lỗi không đổi)"),
    ("", "quiet", "Chỉ in lỗi"),
    ("", "pdf", "Tệp PDF"),
    ("", "source", "Tệp biên bản"),
    ("", "file", "Tệp biên bản"),
    ("", "layout", "Thể thức: party (Đảng) hoặc state (Nhà nước)"),
    ("", "kind", "Loại cuộc họp"),
    (
        "",
        "date",
        "Ngày ghi vào biên bản mẫu, dạng `YYYY-MM-DD` (mặc định: hôm nay)",
    ),
    ("", "dir", "Thư mục biên bản (mặc định: `minutes/`)"),
    ("", "output", "Ghi vào tệp này thay vì đầu ra chuẩn"),
    (
        "",
        "remedies",
        "Liệt kê mọi biện pháp đã thông qua và tình trạng mới nhất, thay cho danh sách biên bản",
    ),
    (
        "",
        "as_of",
        "Ngày để xét biện pháp quá hạn, dạng `YYYY-MM-DD` (mặc định: hôm nay)",
    ),
    (
        "",
        "org",
        "Chỉ các biên bản của tổ chức có tên chứa chữ này",
    ),
    (
        "",
        "from",
        "Chỉ các biên bản từ ngày này, dạng `YYYY-MM-DD`",
    ),
    ("", "to", "Chỉ các biên bản đến ngày này, dạng `YYYY-MM-DD`"),
    ("", "status", "Chỉ các biện pháp có tình trạng này"),
    ("", "shell", "Shell cần đoạn mã tự hoàn thành"),
    (
        "extract",
        "out_dir",
        "Ghi các tệp vào đây (mặc định: cạnh tệp PDF)",
    ),
    (
        "extract",
        "force",
        "Thay các tệp đã có mà khác với bản đính kèm",
    ),
    ("verify", "pdf", "Tệp PDF được cho là dựng từ biên bản đó"),
    (
        "verify",
        "pdf_standard",
        "Dựng lại với các chuẩn này thay vì các chuẩn ghi trong PDF",
    ),
    (
        "new",
        "file",
        "Tệp cần tạo (mặc định: `minutes/<hôm nay>-bien-ban.md`)",
    ),
    (
        "index",
        "force",
        "Thay tệp `--output` đã có mà không phải sổ do lệnh này ghi (không bao giờ thay bản gốc biên bản)",
    ),
    ("index", "format", "Dạng kết quả"),
    (
        "",
        "shard",
        "Chỉ dựng phần K trong N phần của các tệp (N máy cùng dựng một kho lưu trữ, mỗi máy một sổ ghi riêng), ví dụ `--shard 2/4`",
    ),
    (
        "preview",
        "port",
        "Cổng trên 127.0.0.1 (0: một cổng còn trống bất kỳ; địa chỉ được in ra)",
    ),
    ("preview", "no_open", "Không tự mở trình duyệt"),
    ("watch", "file", "Tệp biên bản cần dựng lại mỗi lần lưu"),
    (
        "watch",
        "out_dir",
        "Ghi kết quả vào thư mục này thay vì cạnh tệp",
    ),
    ("export", "dir", "Thư mục để ghi mẫu vào (tạo nếu chưa có)"),
    ("export", "force", "Thay các tệp đã có ở đó"),
    (
        "man",
        "out_dir",
        "Ghi các trang vào thư mục này (`bienban.1`, `bienban-build.1`, …) thay vì in `bienban.1`",
    ),
];

/// `bienban help [COMMAND]…` under the Vietnamese help (clap's own `help` subcommand speaks English): prints
/// the named command's help and exits.
fn help_subcommand(command: &mut Command, matches: &clap::ArgMatches) {
    let Some(("help", sub)) = matches.subcommand() else {
        return;
    };
    let names: Vec<String> = sub
        .get_many::<String>("command")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let mut target = command.clone();
    for name in &names {
        match target.find_subcommand(name).cloned() {
            Some(found) => target = found,
            None => break,
        }
    }
    let _ = target.print_long_help();
    std::process::exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument has its Vietnamese help: a new option cannot slip in with English only.
    #[test]
    fn every_command_and_argument_has_vietnamese_help() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            if path != "bienban" && about_vi(path).is_none() {
                missing.push(format!("{path}: summary"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if !["help", "version"].contains(&id) && arg_vi(path, id).is_none() {
                    missing.push(format!("{path}: {id}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = vec![];
        walk(&Cli::command(), "bienban", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese help for {missing:#?}");
    }
}
