
use builtin;
use str;

set edit:completion:arg-completer[papers] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'papers'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'papers'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand fetch 'Fetch new arXiv listings for the configured topics into the cache'
            cand list 'List cached papers as a table, Markdown or JSON'
            cand show 'Show one paper in full'
            cand search 'Search the cached papers, best match first'
            cand similar 'Papers most like one paper (cosine over the fit''s features)'
            cand trending 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics'
            cand try 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic'
            cand star 'Star a paper (fetching it by id when it is not cached), optionally tagging it'
            cand unstar 'Remove a paper''s star (its tags stay)'
            cand tag 'Add tags to a paper, or remove them with --remove'
            cand seen 'Mark papers as seen, so `list --unseen` no longer shows them'
            cand dismiss 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`'
            cand undismiss 'Take back a dismissal'
            cand import 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file'
            cand open 'Open a paper''s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener'
            cand export 'Write the whole topic page: every topic''s table, a contents list and a trend chart'
            cand stats 'Papers per month or week and topic, as a table, JSON or an SVG chart'
            cand status 'Each topic''s fetch health: last success, last attempt and its error, papers held, staleness'
            cand doctor 'Check the cache files against each other; --repair mends what it finds'
            cand config 'Show where the config comes from, write the default, print the effective config'
            cand completions 'Print a shell completion script'
            cand __complete 'The topic or tag names, one a line, for the completion scripts'
            cand man 'Print the man page (roff) of papers, or of one of its commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'papers;fetch'= {
            cand -t 'Fetch only this topic (repeatable) [default: all configured topics]'
            cand --topic 'Fetch only this topic (repeatable) [default: all configured topics]'
            cand --since 'Read back to this submission date instead of stopping at what the cache already has (YYYY-MM-DD, 7d, 2w, 3m)'
            cand --max 'At most this many papers per topic this run [default: arxiv.max_results]'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-hf 'Send nothing to Hugging Face this run (as `[huggingface] enabled = false` does always)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;list'= {
            cand -t 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --topic 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --since 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)'
            cand --until 'Submitted on or before this date (same forms as --since)'
            cand -c 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --category 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --author 'Only papers with an author whose name contains TEXT (case-insensitive)'
            cand -g 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --grep 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --tag 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead'
            cand --venue 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year'
            cand --min-upvotes 'Only papers with at least N upvotes on Hugging Face Daily Papers'
            cand -n 'Show at most N papers'
            cand --limit 'Show at most N papers'
            cand --sort 'Order: newest submission first, newest version first, title, relevance score, Hugging Face upvotes, or fit to your stars (with --tag: to that tag''s papers)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --new 'Only papers first seen by the latest fetch'
            cand --unseen 'Only papers not yet marked with `papers seen`'
            cand --starred 'Only starred papers'
            cand --dismissed 'Only dismissed papers (they are hidden otherwise)'
            cand --updated 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date'
            cand --has-code 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'papers;show'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --fetch 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it'
            cand --why 'After the text view, explain the paper''s relevance score for each of its topics, and its fit'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;search'= {
            cand -t 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --topic 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --since 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)'
            cand --until 'Submitted on or before this date (same forms as --since)'
            cand -c 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --category 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --author 'Only papers with an author whose name contains TEXT (case-insensitive)'
            cand -g 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --grep 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --tag 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead'
            cand --venue 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year'
            cand --min-upvotes 'Only papers with at least N upvotes on Hugging Face Daily Papers'
            cand -n 'Show at most N papers'
            cand --limit 'Show at most N papers'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --new 'Only papers first seen by the latest fetch'
            cand --unseen 'Only papers not yet marked with `papers seen`'
            cand --starred 'Only starred papers'
            cand --dismissed 'Only dismissed papers (they are hidden otherwise)'
            cand --updated 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date'
            cand --has-code 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'papers;similar'= {
            cand -t 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --topic 'Only papers of this topic (repeatable; Markdown gets a section per topic)'
            cand --since 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)'
            cand --until 'Submitted on or before this date (same forms as --since)'
            cand -c 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --category 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)'
            cand --author 'Only papers with an author whose name contains TEXT (case-insensitive)'
            cand -g 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --grep 'Only papers whose title or abstract contains TEXT (case-insensitive)'
            cand --tag 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead'
            cand --venue 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year'
            cand --min-upvotes 'Only papers with at least N upvotes on Hugging Face Daily Papers'
            cand -n 'Show at most N papers'
            cand --limit 'Show at most N papers'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --new 'Only papers first seen by the latest fetch'
            cand --unseen 'Only papers not yet marked with `papers seen`'
            cand --starred 'Only starred papers'
            cand --dismissed 'Only dismissed papers (they are hidden otherwise)'
            cand --updated 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date'
            cand --has-code 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
            cand --fetch 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'papers;trending'= {
            cand --since 'Papers featured on or after this day (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)'
            cand -n 'Show at most N papers'
            cand --limit 'Show at most N papers'
            cand -t 'Only papers in this topic (repeatable: any of them)'
            cand --topic 'Only papers in this topic (repeatable: any of them)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --fetch 'Add the arXiv records of the listed papers the cache lacks (id_list, under no topic)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;try'= {
            cand -t 'A configured topic''s query'
            cand --topic 'A configured topic''s query'
            cand --query 'A raw arXiv search_query, as a topic''s `query` takes it'
            cand --keywords 'Phrases searched in title and abstract, as a topic''s `keywords`'
            cand --categories 'Keep only papers listed in one of these categories, as a topic''s `categories`'
            cand --authors 'Authors to follow, as a topic''s `authors`'
            cand -n 'How many of the newest matches to ask arXiv for and show'
            cand --limit 'How many of the newest matches to ask arXiv for and show'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;star'= {
            cand --tag 'Also tag it (repeatable)'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;unstar'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;tag'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --remove 'Remove these tags instead'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;seen'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --all 'Every paper in the cache now'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;dismiss'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;undismiss'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;import'= {
            cand --tag 'Tag the papers with TAG instead of starring them'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --dismiss 'Dismiss the papers instead of starring them'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;open'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --pdf 'Open the PDF instead of the abs page'
            cand --code 'Open the code repository the abstract or comment links to'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;export'= {
            cand -o 'Write the page here (atomically; `-` is stdout) instead of stdout'
            cand --output 'Write the page here (atomically; `-` is stdout) instead of stdout'
            cand -t 'Only this topic (repeatable) [default: all, in config order]'
            cand --topic 'Only this topic (repeatable) [default: all, in config order]'
            cand --max-per-topic 'At most N papers per topic, newest first'
            cand --trend 'Also draw the monthly trend chart to this SVG file and link it from the page'
            cand --date 'The "Updated on" date (YYYY-MM-DD) [default: today], for reproducible pages'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;stats'= {
            cand -t 'Only this topic (repeatable) [default: all, in config order]'
            cand --topic 'Only this topic (repeatable) [default: all, in config order]'
            cand --by 'Count per calendar month or ISO week of the first-version date'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --svg 'Also draw the chart to this SVG file'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;status'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;doctor'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --repair 'Mend what the check finds: drop lost shards from the index, rebuild a missing or damaged index from the shards, move damaged files aside, remove leftovers'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;config'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the path of the config file in use'
            cand init 'Write the default config to the user config path (or --config FILE)'
            cand show 'Print the effective config as TOML'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'papers;config;path'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;config;init'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --force 'Replace an existing file'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;config;show'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;config;help'= {
            cand path 'Print the path of the config file in use'
            cand init 'Write the default config to the user config path (or --config FILE)'
            cand show 'Print the effective config as TOML'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'papers;config;help;path'= {
        }
        &'papers;config;help;init'= {
        }
        &'papers;config;help;show'= {
        }
        &'papers;config;help;help'= {
        }
        &'papers;completions'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;__complete'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'papers;man'= {
            cand --config 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]'
            cand --cache-dir 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]'
            cand --color 'When to use colour on the terminal (NO_COLOR is honoured in auto)'
            cand --no-pager 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'papers;help'= {
            cand fetch 'Fetch new arXiv listings for the configured topics into the cache'
            cand list 'List cached papers as a table, Markdown or JSON'
            cand show 'Show one paper in full'
            cand search 'Search the cached papers, best match first'
            cand similar 'Papers most like one paper (cosine over the fit''s features)'
            cand trending 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics'
            cand try 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic'
            cand star 'Star a paper (fetching it by id when it is not cached), optionally tagging it'
            cand unstar 'Remove a paper''s star (its tags stay)'
            cand tag 'Add tags to a paper, or remove them with --remove'
            cand seen 'Mark papers as seen, so `list --unseen` no longer shows them'
            cand dismiss 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`'
            cand undismiss 'Take back a dismissal'
            cand import 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file'
            cand open 'Open a paper''s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener'
            cand export 'Write the whole topic page: every topic''s table, a contents list and a trend chart'
            cand stats 'Papers per month or week and topic, as a table, JSON or an SVG chart'
            cand status 'Each topic''s fetch health: last success, last attempt and its error, papers held, staleness'
            cand doctor 'Check the cache files against each other; --repair mends what it finds'
            cand config 'Show where the config comes from, write the default, print the effective config'
            cand completions 'Print a shell completion script'
            cand __complete 'The topic or tag names, one a line, for the completion scripts'
            cand man 'Print the man page (roff) of papers, or of one of its commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'papers;help;fetch'= {
        }
        &'papers;help;list'= {
        }
        &'papers;help;show'= {
        }
        &'papers;help;search'= {
        }
        &'papers;help;similar'= {
        }
        &'papers;help;trending'= {
        }
        &'papers;help;try'= {
        }
        &'papers;help;star'= {
        }
        &'papers;help;unstar'= {
        }
        &'papers;help;tag'= {
        }
        &'papers;help;seen'= {
        }
        &'papers;help;dismiss'= {
        }
        &'papers;help;undismiss'= {
        }
        &'papers;help;import'= {
        }
        &'papers;help;open'= {
        }
        &'papers;help;export'= {
        }
        &'papers;help;stats'= {
        }
        &'papers;help;status'= {
        }
        &'papers;help;doctor'= {
        }
        &'papers;help;config'= {
            cand path 'Print the path of the config file in use'
            cand init 'Write the default config to the user config path (or --config FILE)'
            cand show 'Print the effective config as TOML'
        }
        &'papers;help;config;path'= {
        }
        &'papers;help;config;init'= {
        }
        &'papers;help;config;show'= {
        }
        &'papers;help;completions'= {
        }
        &'papers;help;__complete'= {
        }
        &'papers;help;man'= {
        }
        &'papers;help;help'= {
        }
    ]
    $completions[$command]
}
