//! `auditpanel generate`: writes a large, invented audit folder (or one bare
//! episodes CSV) for benchmarks, deterministic by seed; with `--example` it
//! regenerates the committed example audit's episodes.

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};

use super::GenerateArgs;
use crate::domain::generate;

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if args.example {
        let files = generate::write_example_episodes(&args.out).with_context(|| {
            format!(
                "kunne ikke skrive eksemplets episoder under '{}'",
                args.out.display()
            )
        })?;
        for f in &files {
            super::out::print(&format!("skrev {}\n", f.display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.csv_only {
        if args.out.exists() {
            bail!(
                "'{}' findes allerede; generate overskriver aldrig noget. Vælg et nyt filnavn",
                args.out.display()
            );
        }
        generate::write_episodes_csv(&args.out, args.seed, args.institutions, args.episodes)
            .with_context(|| format!("kunne ikke skrive '{}'", args.out.display()))?;
    } else {
        refuse_non_empty(&args.out)?;
        generate::write_large_audit(&args.out, args.seed, args.institutions, args.episodes)
            .with_context(|| format!("kunne ikke skrive auditmappen '{}'", args.out.display()))?;
    }
    super::out::print(&format!(
        "skrev {} episoder fra {} institutioner til {} (seed {}) på {:.2} s\n",
        args.episodes,
        args.institutions.max(1),
        args.out.display(),
        args.seed,
        started.elapsed().as_secs_f64()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The output folder must not exist, or be empty.
fn refuse_non_empty(out: &Path) -> anyhow::Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!(
            "'{}' er en fil, ikke en mappe; angiv en ny eller tom mappe",
            out.display()
        );
    }
    let mut entries =
        fs::read_dir(out).with_context(|| format!("kan ikke læse mappen '{}'", out.display()))?;
    if entries.next().is_some() {
        bail!(
            "mappen '{}' er ikke tom; generate overskriver aldrig noget. Angiv en ny eller tom mappe",
            out.display()
        );
    }
    Ok(())
}
