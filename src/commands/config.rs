//! `groupctl config show`: the effective configuration and where each value comes from.

use super::Context;
use crate::cli::ConfigCommand;
use crate::config::Settings;
use crate::exit::{self, Code};
use crate::output::table;

pub fn run(ctx: &Context, cmd: ConfigCommand) -> anyhow::Result<Code> {
    match cmd {
        ConfigCommand::Show => {
            let s =
                Settings::resolve_for_show(&ctx.global).map_err(|e| exit::usage(e.to_string()))?;
            for w in &s.warnings {
                ctx.printer.warn(w);
            }
            if ctx.printer.json {
                ctx.printer.json(&serde_json::json!({
                    "config_file": s.config_file,
                    "profile": s.profile,
                    "settings": s.effective,
                    "warnings": s.warnings,
                }))?;
            } else {
                let mut out = format!(
                    "Config file: {}\nProfile:     {}\n\n",
                    s.config_file.as_ref().map_or("-".into(), |p| {
                        let exists = if p.exists() { "" } else { " (not present)" };
                        format!("{}{exists}", p.display())
                    }),
                    s.profile.as_deref().unwrap_or("-")
                );
                let mut t = table::new(&["KEY", "VALUE", "SOURCE"]);
                for e in &s.effective {
                    t.add_row(vec![
                        e.key.to_string(),
                        e.value.clone().unwrap_or_else(|| "not set".into()),
                        e.source.clone(),
                    ]);
                }
                out.push_str(&table::render(&t));
                ctx.printer.out(&out);
            }
            Ok(Code::Ok)
        }
    }
}
