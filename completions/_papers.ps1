
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'papers' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'papers'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'papers' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch new arXiv listings for the configured topics into the cache')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cached papers as a table, Markdown or JSON')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one paper in full')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the cached papers, best match first')
            [CompletionResult]::new('similar', 'similar', [CompletionResultType]::ParameterValue, 'Papers most like one paper (cosine over the fit''s features)')
            [CompletionResult]::new('trending', 'trending', [CompletionResultType]::ParameterValue, 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics')
            [CompletionResult]::new('try', 'try', [CompletionResultType]::ParameterValue, 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic')
            [CompletionResult]::new('star', 'star', [CompletionResultType]::ParameterValue, 'Star a paper (fetching it by id when it is not cached), optionally tagging it')
            [CompletionResult]::new('unstar', 'unstar', [CompletionResultType]::ParameterValue, 'Remove a paper''s star (its tags stay)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add tags to a paper, or remove them with --remove')
            [CompletionResult]::new('seen', 'seen', [CompletionResultType]::ParameterValue, 'Mark papers as seen, so `list --unseen` no longer shows them')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`')
            [CompletionResult]::new('undismiss', 'undismiss', [CompletionResultType]::ParameterValue, 'Take back a dismissal')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a paper''s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole topic page: every topic''s table, a contents list and a trend chart')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Papers per month or week and topic, as a table, JSON or an SVG chart')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each topic''s fetch health: last success, last attempt and its error, papers held, staleness')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the cache files against each other; --repair mends what it finds')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config comes from, write the default, print the effective config')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'The topic or tag names, one a line, for the completion scripts')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of papers, or of one of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'papers;fetch' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Fetch only this topic (repeatable) [default: all configured topics]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Fetch only this topic (repeatable) [default: all configured topics]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Read back to this submission date instead of stopping at what the cache already has (YYYY-MM-DD, 7d, 2w, 3m)')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'At most this many papers per topic this run [default: arxiv.max_results]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-hf', '--no-hf', [CompletionResultType]::ParameterName, 'Send nothing to Hugging Face this run (as `[huggingface] enabled = false` does always)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Submitted on or before this date (same forms as --since)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Only papers with an author whose name contains TEXT (case-insensitive)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead')
            [CompletionResult]::new('--venue', '--venue', [CompletionResultType]::ParameterName, 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year')
            [CompletionResult]::new('--min-upvotes', '--min-upvotes', [CompletionResultType]::ParameterName, 'Only papers with at least N upvotes on Hugging Face Daily Papers')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order: newest submission first, newest version first, title, relevance score, Hugging Face upvotes, or fit to your stars (with --tag: to that tag''s papers)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Only papers first seen by the latest fetch')
            [CompletionResult]::new('--unseen', '--unseen', [CompletionResultType]::ParameterName, 'Only papers not yet marked with `papers seen`')
            [CompletionResult]::new('--starred', '--starred', [CompletionResultType]::ParameterName, 'Only starred papers')
            [CompletionResult]::new('--dismissed', '--dismissed', [CompletionResultType]::ParameterName, 'Only dismissed papers (they are hidden otherwise)')
            [CompletionResult]::new('--updated', '--updated', [CompletionResultType]::ParameterName, 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date')
            [CompletionResult]::new('--has-code', '--has-code', [CompletionResultType]::ParameterName, 'Only papers with a code link (in the abstract or comment, or on Hugging Face)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'papers;show' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it')
            [CompletionResult]::new('--why', '--why', [CompletionResultType]::ParameterName, 'After the text view, explain the paper''s relevance score for each of its topics, and its fit')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;search' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Submitted on or before this date (same forms as --since)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Only papers with an author whose name contains TEXT (case-insensitive)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead')
            [CompletionResult]::new('--venue', '--venue', [CompletionResultType]::ParameterName, 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year')
            [CompletionResult]::new('--min-upvotes', '--min-upvotes', [CompletionResultType]::ParameterName, 'Only papers with at least N upvotes on Hugging Face Daily Papers')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Only papers first seen by the latest fetch')
            [CompletionResult]::new('--unseen', '--unseen', [CompletionResultType]::ParameterName, 'Only papers not yet marked with `papers seen`')
            [CompletionResult]::new('--starred', '--starred', [CompletionResultType]::ParameterName, 'Only starred papers')
            [CompletionResult]::new('--dismissed', '--dismissed', [CompletionResultType]::ParameterName, 'Only dismissed papers (they are hidden otherwise)')
            [CompletionResult]::new('--updated', '--updated', [CompletionResultType]::ParameterName, 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date')
            [CompletionResult]::new('--has-code', '--has-code', [CompletionResultType]::ParameterName, 'Only papers with a code link (in the abstract or comment, or on Hugging Face)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'papers;similar' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only papers of this topic (repeatable; Markdown gets a section per topic)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Submitted on or before this date (same forms as --since)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Only papers with an author whose name contains TEXT (case-insensitive)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only papers whose title or abstract contains TEXT (case-insensitive)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag''s model instead')
            [CompletionResult]::new('--venue', '--venue', [CompletionResultType]::ParameterName, 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year')
            [CompletionResult]::new('--min-upvotes', '--min-upvotes', [CompletionResultType]::ParameterName, 'Only papers with at least N upvotes on Hugging Face Daily Papers')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Only papers first seen by the latest fetch')
            [CompletionResult]::new('--unseen', '--unseen', [CompletionResultType]::ParameterName, 'Only papers not yet marked with `papers seen`')
            [CompletionResult]::new('--starred', '--starred', [CompletionResultType]::ParameterName, 'Only starred papers')
            [CompletionResult]::new('--dismissed', '--dismissed', [CompletionResultType]::ParameterName, 'Only dismissed papers (they are hidden otherwise)')
            [CompletionResult]::new('--updated', '--updated', [CompletionResultType]::ParameterName, 'Only papers a fetch found a new version of; --since/--until then apply to the new version''s date')
            [CompletionResult]::new('--has-code', '--has-code', [CompletionResultType]::ParameterName, 'Only papers with a code link (in the abstract or comment, or on Hugging Face)')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'papers;trending' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Papers featured on or after this day (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N papers')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only papers in this topic (repeatable: any of them)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only papers in this topic (repeatable: any of them)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Add the arXiv records of the listed papers the cache lacks (id_list, under no topic)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;try' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'A configured topic''s query')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'A configured topic''s query')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A raw arXiv search_query, as a topic''s `query` takes it')
            [CompletionResult]::new('--keywords', '--keywords', [CompletionResultType]::ParameterName, 'Phrases searched in title and abstract, as a topic''s `keywords`')
            [CompletionResult]::new('--categories', '--categories', [CompletionResultType]::ParameterName, 'Keep only papers listed in one of these categories, as a topic''s `categories`')
            [CompletionResult]::new('--authors', '--authors', [CompletionResultType]::ParameterName, 'Authors to follow, as a topic''s `authors`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matches to ask arXiv for and show')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many of the newest matches to ask arXiv for and show')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;star' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Also tag it (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;unstar' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;tag' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove these tags instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;seen' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every paper in the cache now')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;dismiss' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;undismiss' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;import' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag the papers with TAG instead of starring them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--dismiss', '--dismiss', [CompletionResultType]::ParameterName, 'Dismiss the papers instead of starring them')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;open' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--pdf', '--pdf', [CompletionResultType]::ParameterName, 'Open the PDF instead of the abs page')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Open the code repository the abstract or comment links to')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the page here (atomically; `-` is stdout) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the page here (atomically; `-` is stdout) instead of stdout')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this topic (repeatable) [default: all, in config order]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only this topic (repeatable) [default: all, in config order]')
            [CompletionResult]::new('--max-per-topic', '--max-per-topic', [CompletionResultType]::ParameterName, 'At most N papers per topic, newest first')
            [CompletionResult]::new('--trend', '--trend', [CompletionResultType]::ParameterName, 'Also draw the monthly trend chart to this SVG file and link it from the page')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'The "Updated on" date (YYYY-MM-DD) [default: today], for reproducible pages')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;stats' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this topic (repeatable) [default: all, in config order]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only this topic (repeatable) [default: all, in config order]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Count per calendar month or ISO week of the first-version date')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--svg', '--svg', [CompletionResultType]::ParameterName, 'Also draw the chart to this SVG file')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;status' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;doctor' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Mend what the check finds: drop lost shards from the index, rebuild a missing or damaged index from the shards, move damaged files aside, remove leftovers')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the default config to the user config path (or --config FILE)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config as TOML')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'papers;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;config;init' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the default config to the user config path (or --config FILE)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config as TOML')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'papers;config;help;path' {
            break
        }
        'papers;config;help;init' {
            break
        }
        'papers;config;help;show' {
            break
        }
        'papers;config;help;help' {
            break
        }
        'papers;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;__complete' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'papers;man' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on the terminal (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'papers;help' {
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch new arXiv listings for the configured topics into the cache')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cached papers as a table, Markdown or JSON')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one paper in full')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the cached papers, best match first')
            [CompletionResult]::new('similar', 'similar', [CompletionResultType]::ParameterValue, 'Papers most like one paper (cosine over the fit''s features)')
            [CompletionResult]::new('trending', 'trending', [CompletionResultType]::ParameterValue, 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics')
            [CompletionResult]::new('try', 'try', [CompletionResultType]::ParameterValue, 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic')
            [CompletionResult]::new('star', 'star', [CompletionResultType]::ParameterValue, 'Star a paper (fetching it by id when it is not cached), optionally tagging it')
            [CompletionResult]::new('unstar', 'unstar', [CompletionResultType]::ParameterValue, 'Remove a paper''s star (its tags stay)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add tags to a paper, or remove them with --remove')
            [CompletionResult]::new('seen', 'seen', [CompletionResultType]::ParameterValue, 'Mark papers as seen, so `list --unseen` no longer shows them')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`')
            [CompletionResult]::new('undismiss', 'undismiss', [CompletionResultType]::ParameterValue, 'Take back a dismissal')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a paper''s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole topic page: every topic''s table, a contents list and a trend chart')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Papers per month or week and topic, as a table, JSON or an SVG chart')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each topic''s fetch health: last success, last attempt and its error, papers held, staleness')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the cache files against each other; --repair mends what it finds')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config comes from, write the default, print the effective config')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'The topic or tag names, one a line, for the completion scripts')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) of papers, or of one of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'papers;help;fetch' {
            break
        }
        'papers;help;list' {
            break
        }
        'papers;help;show' {
            break
        }
        'papers;help;search' {
            break
        }
        'papers;help;similar' {
            break
        }
        'papers;help;trending' {
            break
        }
        'papers;help;try' {
            break
        }
        'papers;help;star' {
            break
        }
        'papers;help;unstar' {
            break
        }
        'papers;help;tag' {
            break
        }
        'papers;help;seen' {
            break
        }
        'papers;help;dismiss' {
            break
        }
        'papers;help;undismiss' {
            break
        }
        'papers;help;import' {
            break
        }
        'papers;help;open' {
            break
        }
        'papers;help;export' {
            break
        }
        'papers;help;stats' {
            break
        }
        'papers;help;status' {
            break
        }
        'papers;help;doctor' {
            break
        }
        'papers;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the default config to the user config path (or --config FILE)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config as TOML')
            break
        }
        'papers;help;config;path' {
            break
        }
        'papers;help;config;init' {
            break
        }
        'papers;help;config;show' {
            break
        }
        'papers;help;completions' {
            break
        }
        'papers;help;__complete' {
            break
        }
        'papers;help;man' {
            break
        }
        'papers;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
