function __fish_papers_names
    set -l words (commandline -opc)
    set -l config
    for i in (seq (count $words))
        switch $words[$i]
            case --config
                set config --config $words[(math $i + 1)]
            case '--config=*'
                set config --config (string replace -- --config= '' $words[$i])
        end
    end
    papers $config __complete $argv[1] 2>/dev/null
end

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_papers_global_optspecs
    string join \n config= cache-dir= color= no-pager h/help V/version
end

function __fish_papers_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_papers_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_papers_using_subcommand
    set -l cmd (__fish_papers_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c papers -n "__fish_papers_needs_command" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_needs_command" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_needs_command" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_needs_command" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_needs_command" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_needs_command" -s V -l version -d 'Print version'
complete -c papers -n "__fish_papers_needs_command" -f -a "fetch" -d 'Fetch new arXiv listings for the configured topics into the cache'
complete -c papers -n "__fish_papers_needs_command" -f -a "list" -d 'List cached papers as a table, Markdown or JSON'
complete -c papers -n "__fish_papers_needs_command" -f -a "show" -d 'Show one paper in full'
complete -c papers -n "__fish_papers_needs_command" -f -a "search" -d 'Search the cached papers, best match first'
complete -c papers -n "__fish_papers_needs_command" -f -a "similar" -d 'Papers most like one paper (cosine over the fit\'s features)'
complete -c papers -n "__fish_papers_needs_command" -f -a "trending" -d 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics'
complete -c papers -n "__fish_papers_needs_command" -f -a "try" -d 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic'
complete -c papers -n "__fish_papers_needs_command" -f -a "star" -d 'Star a paper (fetching it by id when it is not cached), optionally tagging it'
complete -c papers -n "__fish_papers_needs_command" -f -a "unstar" -d 'Remove a paper\'s star (its tags stay)'
complete -c papers -n "__fish_papers_needs_command" -f -a "tag" -d 'Add tags to a paper, or remove them with --remove'
complete -c papers -n "__fish_papers_needs_command" -f -a "seen" -d 'Mark papers as seen, so `list --unseen` no longer shows them'
complete -c papers -n "__fish_papers_needs_command" -f -a "dismiss" -d 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`'
complete -c papers -n "__fish_papers_needs_command" -f -a "undismiss" -d 'Take back a dismissal'
complete -c papers -n "__fish_papers_needs_command" -f -a "import" -d 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file'
complete -c papers -n "__fish_papers_needs_command" -f -a "open" -d 'Open a paper\'s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener'
complete -c papers -n "__fish_papers_needs_command" -f -a "export" -d 'Write the whole topic page: every topic\'s table, a contents list and a trend chart'
complete -c papers -n "__fish_papers_needs_command" -f -a "stats" -d 'Papers per month or week and topic, as a table, JSON or an SVG chart'
complete -c papers -n "__fish_papers_needs_command" -f -a "status" -d 'Each topic\'s fetch health: last success, last attempt and its error, papers held, staleness'
complete -c papers -n "__fish_papers_needs_command" -f -a "doctor" -d 'Check the cache files against each other; --repair mends what it finds'
complete -c papers -n "__fish_papers_needs_command" -f -a "config" -d 'Show where the config comes from, write the default, print the effective config'
complete -c papers -n "__fish_papers_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c papers -n "__fish_papers_needs_command" -f -a "__complete" -d 'The topic or tag names, one a line, for the completion scripts'
complete -c papers -n "__fish_papers_needs_command" -f -a "man" -d 'Print the man page (roff) of papers, or of one of its commands'
complete -c papers -n "__fish_papers_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c papers -n "__fish_papers_using_subcommand fetch" -s t -l topic -d 'Fetch only this topic (repeatable) [default: all configured topics]' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand fetch" -l since -d 'Read back to this submission date instead of stopping at what the cache already has (YYYY-MM-DD, 7d, 2w, 3m)' -r
complete -c papers -n "__fish_papers_using_subcommand fetch" -l max -d 'At most this many papers per topic this run [default: arxiv.max_results]' -r
complete -c papers -n "__fish_papers_using_subcommand fetch" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand fetch" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand fetch" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand fetch" -l no-hf -d 'Send nothing to Hugging Face this run (as `[huggingface] enabled = false` does always)'
complete -c papers -n "__fish_papers_using_subcommand fetch" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand fetch" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand list" -s t -l topic -d 'Only papers of this topic (repeatable; Markdown gets a section per topic)' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand list" -l since -d 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)' -r
complete -c papers -n "__fish_papers_using_subcommand list" -l until -d 'Submitted on or before this date (same forms as --since)' -r
complete -c papers -n "__fish_papers_using_subcommand list" -s c -l category -d 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)' -r
complete -c papers -n "__fish_papers_using_subcommand list" -l author -d 'Only papers with an author whose name contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand list" -s g -l grep -d 'Only papers whose title or abstract contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand list" -l tag -d 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag\'s model instead' -r -f -a "(__fish_papers_names tags)"
complete -c papers -n "__fish_papers_using_subcommand list" -l venue -d 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year' -r
complete -c papers -n "__fish_papers_using_subcommand list" -l min-upvotes -d 'Only papers with at least N upvotes on Hugging Face Daily Papers' -r
complete -c papers -n "__fish_papers_using_subcommand list" -s n -l limit -d 'Show at most N papers' -r
complete -c papers -n "__fish_papers_using_subcommand list" -l sort -d 'Order: newest submission first, newest version first, title, relevance score, Hugging Face upvotes, or fit to your stars (with --tag: to that tag\'s papers)' -r -f -a "date\t'First-version (published) date'
updated\t'Date of the latest version'
title\t'Title, A to Z ignoring case'
score\t'Relevance score, highest first'
upvotes\t'Hugging Face upvotes, most first; papers the Hub never listed last, newest first among equals'
fit\t'Fit to the reader\'s stars, highest first'"
complete -c papers -n "__fish_papers_using_subcommand list" -s f -l format -d 'Output format' -r -f -a "table\t'Aligned columns fitted to the terminal'
markdown\t'The topic-page table: one row per paper, abstract folded away'
json\t'Every field, for scripts'
bibtex\t'BibTeX entries for LaTeX bibliographies'
csv\t'RFC 4180 CSV with a header row, for spreadsheets'
atom\t'An Atom 1.0 feed, to subscribe to from a feed reader'"
complete -c papers -n "__fish_papers_using_subcommand list" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand list" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand list" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand list" -l new -d 'Only papers first seen by the latest fetch'
complete -c papers -n "__fish_papers_using_subcommand list" -l unseen -d 'Only papers not yet marked with `papers seen`'
complete -c papers -n "__fish_papers_using_subcommand list" -l starred -d 'Only starred papers'
complete -c papers -n "__fish_papers_using_subcommand list" -l dismissed -d 'Only dismissed papers (they are hidden otherwise)'
complete -c papers -n "__fish_papers_using_subcommand list" -l updated -d 'Only papers a fetch found a new version of; --since/--until then apply to the new version\'s date'
complete -c papers -n "__fish_papers_using_subcommand list" -l has-code -d 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
complete -c papers -n "__fish_papers_using_subcommand list" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c papers -n "__fish_papers_using_subcommand show" -s f -l format -d 'Output format' -r -f -a "text\t''
markdown\t''
json\t''
bibtex\t''"
complete -c papers -n "__fish_papers_using_subcommand show" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand show" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand show" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand show" -l fetch -d 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it'
complete -c papers -n "__fish_papers_using_subcommand show" -l why -d 'After the text view, explain the paper\'s relevance score for each of its topics, and its fit'
complete -c papers -n "__fish_papers_using_subcommand show" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand show" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand search" -s t -l topic -d 'Only papers of this topic (repeatable; Markdown gets a section per topic)' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand search" -l since -d 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)' -r
complete -c papers -n "__fish_papers_using_subcommand search" -l until -d 'Submitted on or before this date (same forms as --since)' -r
complete -c papers -n "__fish_papers_using_subcommand search" -s c -l category -d 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)' -r
complete -c papers -n "__fish_papers_using_subcommand search" -l author -d 'Only papers with an author whose name contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand search" -s g -l grep -d 'Only papers whose title or abstract contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand search" -l tag -d 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag\'s model instead' -r -f -a "(__fish_papers_names tags)"
complete -c papers -n "__fish_papers_using_subcommand search" -l venue -d 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year' -r
complete -c papers -n "__fish_papers_using_subcommand search" -l min-upvotes -d 'Only papers with at least N upvotes on Hugging Face Daily Papers' -r
complete -c papers -n "__fish_papers_using_subcommand search" -s n -l limit -d 'Show at most N papers' -r
complete -c papers -n "__fish_papers_using_subcommand search" -s f -l format -d 'Output format' -r -f -a "table\t'Aligned columns fitted to the terminal'
markdown\t'The topic-page table: one row per paper, abstract folded away'
json\t'Every field, for scripts'
bibtex\t'BibTeX entries for LaTeX bibliographies'
csv\t'RFC 4180 CSV with a header row, for spreadsheets'
atom\t'An Atom 1.0 feed, to subscribe to from a feed reader'"
complete -c papers -n "__fish_papers_using_subcommand search" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand search" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand search" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand search" -l new -d 'Only papers first seen by the latest fetch'
complete -c papers -n "__fish_papers_using_subcommand search" -l unseen -d 'Only papers not yet marked with `papers seen`'
complete -c papers -n "__fish_papers_using_subcommand search" -l starred -d 'Only starred papers'
complete -c papers -n "__fish_papers_using_subcommand search" -l dismissed -d 'Only dismissed papers (they are hidden otherwise)'
complete -c papers -n "__fish_papers_using_subcommand search" -l updated -d 'Only papers a fetch found a new version of; --since/--until then apply to the new version\'s date'
complete -c papers -n "__fish_papers_using_subcommand search" -l has-code -d 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
complete -c papers -n "__fish_papers_using_subcommand search" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c papers -n "__fish_papers_using_subcommand similar" -s t -l topic -d 'Only papers of this topic (repeatable; Markdown gets a section per topic)' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand similar" -l since -d 'Submitted on or after this date (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -l until -d 'Submitted on or before this date (same forms as --since)' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -s c -l category -d 'Only papers in this category, e.g. cs.AR, or a whole archive: cs (repeatable)' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -l author -d 'Only papers with an author whose name contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -s g -l grep -d 'Only papers whose title or abstract contains TEXT (case-insensitive)' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -l tag -d 'Only papers with this tag (repeatable: any of them); with `list --sort fit`, rank all by that tag\'s model instead' -r -f -a "(__fish_papers_names tags)"
complete -c papers -n "__fish_papers_using_subcommand similar" -l venue -d 'Only papers whose comment or journal ref names this venue (any case), e.g. DAC, or DAC:2025 for one year' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -l min-upvotes -d 'Only papers with at least N upvotes on Hugging Face Daily Papers' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -s n -l limit -d 'Show at most N papers' -r
complete -c papers -n "__fish_papers_using_subcommand similar" -s f -l format -d 'Output format' -r -f -a "table\t'Aligned columns fitted to the terminal'
markdown\t'The topic-page table: one row per paper, abstract folded away'
json\t'Every field, for scripts'
bibtex\t'BibTeX entries for LaTeX bibliographies'
csv\t'RFC 4180 CSV with a header row, for spreadsheets'
atom\t'An Atom 1.0 feed, to subscribe to from a feed reader'"
complete -c papers -n "__fish_papers_using_subcommand similar" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand similar" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand similar" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand similar" -l new -d 'Only papers first seen by the latest fetch'
complete -c papers -n "__fish_papers_using_subcommand similar" -l unseen -d 'Only papers not yet marked with `papers seen`'
complete -c papers -n "__fish_papers_using_subcommand similar" -l starred -d 'Only starred papers'
complete -c papers -n "__fish_papers_using_subcommand similar" -l dismissed -d 'Only dismissed papers (they are hidden otherwise)'
complete -c papers -n "__fish_papers_using_subcommand similar" -l updated -d 'Only papers a fetch found a new version of; --since/--until then apply to the new version\'s date'
complete -c papers -n "__fish_papers_using_subcommand similar" -l has-code -d 'Only papers with a code link (in the abstract or comment, or on Hugging Face)'
complete -c papers -n "__fish_papers_using_subcommand similar" -l fetch -d 'Look the paper up on arXiv (id_list) when it is not in the cache, and add it'
complete -c papers -n "__fish_papers_using_subcommand similar" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand similar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c papers -n "__fish_papers_using_subcommand trending" -l since -d 'Papers featured on or after this day (YYYY-MM-DD, 7d, 2w, 3m, today, yesterday)' -r
complete -c papers -n "__fish_papers_using_subcommand trending" -s n -l limit -d 'Show at most N papers' -r
complete -c papers -n "__fish_papers_using_subcommand trending" -s t -l topic -d 'Only papers in this topic (repeatable: any of them)' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand trending" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
markdown\t''
csv\t''"
complete -c papers -n "__fish_papers_using_subcommand trending" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand trending" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand trending" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand trending" -l fetch -d 'Add the arXiv records of the listed papers the cache lacks (id_list, under no topic)'
complete -c papers -n "__fish_papers_using_subcommand trending" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand trending" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand try" -s t -l topic -d 'A configured topic\'s query' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand try" -l query -d 'A raw arXiv search_query, as a topic\'s `query` takes it' -r
complete -c papers -n "__fish_papers_using_subcommand try" -l keywords -d 'Phrases searched in title and abstract, as a topic\'s `keywords`' -r
complete -c papers -n "__fish_papers_using_subcommand try" -l categories -d 'Keep only papers listed in one of these categories, as a topic\'s `categories`' -r
complete -c papers -n "__fish_papers_using_subcommand try" -l authors -d 'Authors to follow, as a topic\'s `authors`' -r
complete -c papers -n "__fish_papers_using_subcommand try" -s n -l limit -d 'How many of the newest matches to ask arXiv for and show' -r
complete -c papers -n "__fish_papers_using_subcommand try" -s f -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c papers -n "__fish_papers_using_subcommand try" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand try" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand try" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand try" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand try" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand star" -l tag -d 'Also tag it (repeatable)' -r -f -a "(__fish_papers_names tags)"
complete -c papers -n "__fish_papers_using_subcommand star" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand star" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand star" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand star" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand star" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand unstar" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand unstar" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand unstar" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand unstar" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand unstar" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand tag" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand tag" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand tag" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand tag" -l remove -d 'Remove these tags instead'
complete -c papers -n "__fish_papers_using_subcommand tag" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand tag" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand seen" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand seen" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand seen" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand seen" -l all -d 'Every paper in the cache now'
complete -c papers -n "__fish_papers_using_subcommand seen" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand seen" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand dismiss" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand dismiss" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand dismiss" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand dismiss" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand dismiss" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand undismiss" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand undismiss" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand undismiss" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand undismiss" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand undismiss" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand import" -l tag -d 'Tag the papers with TAG instead of starring them' -r -f -a "(__fish_papers_names tags)"
complete -c papers -n "__fish_papers_using_subcommand import" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand import" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand import" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand import" -l dismiss -d 'Dismiss the papers instead of starring them'
complete -c papers -n "__fish_papers_using_subcommand import" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand import" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand open" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand open" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand open" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand open" -l pdf -d 'Open the PDF instead of the abs page'
complete -c papers -n "__fish_papers_using_subcommand open" -l code -d 'Open the code repository the abstract or comment links to'
complete -c papers -n "__fish_papers_using_subcommand open" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand open" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand export" -s o -l output -d 'Write the page here (atomically; `-` is stdout) instead of stdout' -r -F
complete -c papers -n "__fish_papers_using_subcommand export" -s t -l topic -d 'Only this topic (repeatable) [default: all, in config order]' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand export" -l max-per-topic -d 'At most N papers per topic, newest first' -r
complete -c papers -n "__fish_papers_using_subcommand export" -l trend -d 'Also draw the monthly trend chart to this SVG file and link it from the page' -r -F
complete -c papers -n "__fish_papers_using_subcommand export" -l date -d 'The "Updated on" date (YYYY-MM-DD) [default: today], for reproducible pages' -r
complete -c papers -n "__fish_papers_using_subcommand export" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand export" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand export" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand export" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand export" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand stats" -s t -l topic -d 'Only this topic (repeatable) [default: all, in config order]' -r -f -a "(__fish_papers_names topics)"
complete -c papers -n "__fish_papers_using_subcommand stats" -l by -d 'Count per calendar month or ISO week of the first-version date' -r -f -a "month\t''
week\t''"
complete -c papers -n "__fish_papers_using_subcommand stats" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c papers -n "__fish_papers_using_subcommand stats" -l svg -d 'Also draw the chart to this SVG file' -r -F
complete -c papers -n "__fish_papers_using_subcommand stats" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand stats" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand stats" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand stats" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand stats" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand status" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c papers -n "__fish_papers_using_subcommand status" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand status" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand status" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand status" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand status" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand doctor" -s f -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c papers -n "__fish_papers_using_subcommand doctor" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand doctor" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand doctor" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand doctor" -l repair -d 'Mend what the check finds: drop lost shards from the index, rebuild a missing or damaged index from the shards, move damaged files aside, remove leftovers'
complete -c papers -n "__fish_papers_using_subcommand doctor" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "path" -d 'Print the path of the config file in use'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "init" -d 'Write the default config to the user config path (or --config FILE)'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "show" -d 'Print the effective config as TOML'
complete -c papers -n "__fish_papers_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from path" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from path" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace an existing file'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from show" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file in use'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the default config to the user config path (or --config FILE)'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective config as TOML'
complete -c papers -n "__fish_papers_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c papers -n "__fish_papers_using_subcommand completions" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand completions" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand completions" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand completions" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand completions" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand __complete" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand __complete" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand __complete" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand __complete" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand __complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c papers -n "__fish_papers_using_subcommand man" -l config -d 'Config file to use [default: $PAPERS_CONFIG, else the user config file, else the built-in default]' -r -F
complete -c papers -n "__fish_papers_using_subcommand man" -l cache-dir -d 'Directory holding papers.json [default: $PAPERS_CACHE_DIR, else the platform cache dir]' -r -F
complete -c papers -n "__fish_papers_using_subcommand man" -l color -d 'When to use colour on the terminal (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c papers -n "__fish_papers_using_subcommand man" -l no-pager -d 'Never page: by default, output taller than the terminal goes through $PAPERS_PAGER, else $PAGER, else `less -FRX` (never in pipes)'
complete -c papers -n "__fish_papers_using_subcommand man" -s h -l help -d 'Print help'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "fetch" -d 'Fetch new arXiv listings for the configured topics into the cache'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "list" -d 'List cached papers as a table, Markdown or JSON'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "show" -d 'Show one paper in full'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "search" -d 'Search the cached papers, best match first'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "similar" -d 'Papers most like one paper (cosine over the fit\'s features)'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "trending" -d 'Hugging Face Daily Papers of the last days by upvotes, marked with your topics'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "try" -d 'Send one search to arXiv and show what it catches, storing nothing: try a query before it becomes a topic'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "star" -d 'Star a paper (fetching it by id when it is not cached), optionally tagging it'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "unstar" -d 'Remove a paper\'s star (its tags stay)'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "tag" -d 'Add tags to a paper, or remove them with --remove'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "seen" -d 'Mark papers as seen, so `list --unseen` no longer shows them'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "dismiss" -d 'Mark papers "not interested": hidden from listings, a negative example for `--sort fit`'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "undismiss" -d 'Take back a dismissal'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "import" -d 'Star (or tag, or dismiss) the arXiv papers named in a BibTeX, cv-arxiv-daily JSON, Markdown or plain-list file'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "open" -d 'Open a paper\'s abs page (or PDF, or code) in the browser: $BROWSER, else the platform opener'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "export" -d 'Write the whole topic page: every topic\'s table, a contents list and a trend chart'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "stats" -d 'Papers per month or week and topic, as a table, JSON or an SVG chart'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "status" -d 'Each topic\'s fetch health: last success, last attempt and its error, papers held, staleness'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "doctor" -d 'Check the cache files against each other; --repair mends what it finds'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "config" -d 'Show where the config comes from, write the default, print the effective config'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "completions" -d 'Print a shell completion script'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "__complete" -d 'The topic or tag names, one a line, for the completion scripts'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "man" -d 'Print the man page (roff) of papers, or of one of its commands'
complete -c papers -n "__fish_papers_using_subcommand help; and not __fish_seen_subcommand_from fetch list show search similar trending try star unstar tag seen dismiss undismiss import open export stats status doctor config completions __complete man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c papers -n "__fish_papers_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file in use'
complete -c papers -n "__fish_papers_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write the default config to the user config path (or --config FILE)'
complete -c papers -n "__fish_papers_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective config as TOML'
