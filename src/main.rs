//! The `bienban` command: decide the help's language, parse the arguments and hand them to
//! [`bienban::cmd::run`].

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> ExitCode {
    let args = bienban::cmd::help::with_project_lang(std::env::args_os().collect());
    let lang = bienban::cmd::help::lang_of(&args);
    let mut command = bienban::cmd::help::command(lang);
    let matches = match command.clone().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => bienban::cmd::usage::exit(e, lang),
    };
    bienban::cmd::help::help_subcommand(&mut command, &matches);
    match bienban::cmd::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => bienban::cmd::run(cli),
        Err(e) => bienban::cmd::usage::exit(e, lang),
    }
}
