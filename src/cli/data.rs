//! Arguments of the data commands (`list`, `get`, `search`): resources by their registry names, so
//! help, completions and the man page list them.

use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};

use crate::app::resources::ALL;

/// The registered resource names, as clap's accepted values.
fn resource_names() -> PossibleValuesParser {
    PossibleValuesParser::new(ALL.iter().map(|r| r.name()))
}

/// How `list` and `get` write their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for people (the default on a terminal)
    Table,
    /// One JSON array
    Json,
    /// One JSON object a line (the default of `list` in a pipe)
    Ndjson,
    /// RFC 4180, with a header row
    Csv,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// What to list
    #[arg(value_parser = resource_names(), value_name = "RESOURCE")]
    pub resource: String,

    /// The filter line, as in the pane (a name, an id, `establishment:…`)
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Sort field as the API names it, optionally `,desc`
    #[arg(long, value_name = "FIELD[,desc]")]
    pub sort: Option<String>,

    /// Page to show, from 1
    #[arg(long, value_name = "N", default_value_t = 1, conflicts_with = "all",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub page: u32,

    /// Rows per page (default 50, or 200 with --all)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=200))]
    pub size: Option<u32>,

    /// Every page, streamed
    #[arg(long)]
    pub all: bool,

    /// Output format (default: table on a terminal, ndjson otherwise)
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Export fields to write, in this order
    #[arg(long, value_name = "a,b,…", value_delimiter = ',')]
    pub fields: Vec<String>,

    /// The S-money user whose transfers to list (transfers only)
    #[arg(long, value_name = "ID")]
    pub user: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct GetArgs {
    /// What to show
    #[arg(value_parser = resource_names(), value_name = "RESOURCE")]
    pub resource: String,

    /// Its id (a transfer's number for transfers)
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format (default: table on a terminal, json otherwise)
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// The S-money user the transfer belongs to (transfers only)
    #[arg(long, value_name = "ID")]
    pub user: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// What to look for, as in the `:` box: a name, an email, the last four of an IBAN or
    /// card, a medium reference, a transfer number
    #[arg(value_name = "TEXT")]
    pub text: String,

    /// Output format (default: table on a terminal, ndjson otherwise)
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
}
