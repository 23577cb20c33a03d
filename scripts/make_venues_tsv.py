#!/usr/bin/env python3
"""Build venues.tsv (shipped data) from the ccf-deadlines snapshot plus hand additions.

Usage: make_venues_tsv.py SOURCE_TSV OUT_TSV
Columns out: acronym, full_name, kind, case, aliases, exact_aliases (comma separated), origin.
case=exact: the acronym matches only as spelled (English words, or <= 3 letters); aliases match
in any case, exact_aliases only as spelled (same rule applied to each alias).
"""
import csv
import sys

src, out = sys.argv[1], sys.argv[2]

# Acronyms that are English words (or read like one): matched only as spelled.
WORDS = set("""DATE FAST MICRO ICS SC ATC CHI CAV SAT RE FM CP KR LoG SEC PACT RSS SAC CF FC ITC
GROUP DIS SAS PAM ATS ICC WISE SCA PG CASA SPM VEE SMC SMI CGI RV GMP ISAAC COCOON FORTE BIS
MSN LCN PETS ISS FG DAI ETS CADE LICS LISA AFT CCS SODA IMC PODS RAID SOUPS TCC UAI VINCI WINE
KSEM TASE Micro Middleware ASAP ASSETS EASE CONCUR MoDELS SANER SCAM NOMS WASA CLOUD VIS MM HC TACO
CAL TOG TON TIP TC CASES ARITH NOCS FPL ISPD""".split())

# Rows renamed or dropped: source acronym (and area for duplicates) -> new acronym or None.
RENAME = {
    ("FSE", "SC"): None,  # Fast Software Encryption: drop, FSE means the SE conference
    ("SEC", "SC"): "IFIP SEC",
    ("IFIP WG 11.9", "SC"): None,
    ("ACM SIGGRAPH", "CG"): "SIGGRAPH",
    ("ACM SIGGRAPH ASIA", "CG"): "SIGGRAPH Asia",
    ("IEEE/ACM CGO", "DS"): "CGO",
    ("IEEE CEC", "AI"): "CEC",
    ("SIGOPS ATC", "DS"): "USENIX ATC",
    ("UbiComp/ISWC", "HI"): "UbiComp",
    ("InterSpeech", "CG"): "Interspeech",
    ("LOG", "AI"): "LoG",
    ("Cloud", "MX"): "IEEE CLOUD",
    ("Networking", "NW"): "IFIP Networking",
    ("Performance", "DS"): "IFIP Performance",
    ("SIGKDD", "DB"): "KDD",
    ("SATML", "SC"): "SaTML",
}

# Full names that the snapshot spells wrongly (typo, all capitals) or that disagree with the
# canonical acronym chosen above.
FULL_NAME = {
    "COLING": "International Conference on Computational Linguistics",
    "USENIX ATC": "USENIX Annual Technical Conference",
}

ALIASES = {
    "NeurIPS": ["NIPS"],
    "MLSys": ["SysML"],
    "ASP-DAC": ["ASPDAC"],
    "KDD": ["SIGKDD", "ACM SIGKDD"],
    "WWW": ["TheWebConf", "WebConf"],
    "ACM MM": ["MM", "ACMMM"],
    "SIGGRAPH": ["ACM SIGGRAPH"],
    "SIGGRAPH Asia": ["ACM SIGGRAPH Asia"],
    "CEC": ["IEEE CEC"],
    "USENIX ATC": ["ATC", "SIGOPS ATC"],
    "IEEE VIS": ["VIS"],
    "IEEE CLOUD": ["CLOUD"],
    "S&P": ["IEEE S&P"],
    "USENIX Security": ["USENIX Sec"],
    "ECML-PKDD": ["ECML PKDD", "ECML"],
    "Hot Chips": ["HotChips", "HC"],
    "VLDB": ["PVLDB"],
    "CODES+ISSS": ["CODES-ISSS"],
    "FSE": ["ESEC-FSE"],
}

# Venues the snapshot lacks: (acronym, full name, kind, aliases).
ADDED = [
    # conferences
    ("ISSCC", "IEEE International Solid-State Circuits Conference", "conference", []),
    ("ISLPED", "ACM/IEEE International Symposium on Low Power Electronics and Design", "conference", []),
    ("FPL", "International Conference on Field-Programmable Logic and Applications", "conference", []),
    ("AICAS", "IEEE International Conference on Artificial Intelligence Circuits and Systems", "conference", []),
    ("ISQED", "International Symposium on Quality Electronic Design", "conference", []),
    ("NOCS", "IEEE/ACM International Symposium on Networks-on-Chip", "conference", []),
    ("CASES", "International Conference on Compilers, Architecture, and Synthesis for Embedded Systems", "conference", []),
    ("ARITH", "IEEE Symposium on Computer Arithmetic", "conference", []),
    ("VTS", "IEEE VLSI Test Symposium", "conference", []),
    ("ISPD", "International Symposium on Physical Design", "conference", []),
    ("LREC", "International Conference on Language Resources and Evaluation", "conference", ["LREC-COLING"]),
    ("AACL", "Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics", "conference", ["AACL-IJCNLP"]),
    ("ACL Findings", "Findings of the Association for Computational Linguistics: ACL", "conference", ["Findings of ACL", "Findings-ACL", "ACL-Findings"]),
    ("EMNLP Findings", "Findings of the Association for Computational Linguistics: EMNLP", "conference", ["Findings of EMNLP", "Findings-EMNLP", "EMNLP-Findings"]),
    ("NAACL Findings", "Findings of the Association for Computational Linguistics: NAACL", "conference", ["Findings of NAACL", "Findings-NAACL", "NAACL-Findings"]),
    ("EACL Findings", "Findings of the Association for Computational Linguistics: EACL", "conference", ["Findings of EACL", "Findings-EACL", "EACL-Findings"]),
    ("AACL Findings", "Findings of the Association for Computational Linguistics: AACL", "conference", ["Findings of AACL", "Findings-AACL", "AACL-Findings"]),
    # journals
    ("TCAD", "IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems", "journal", ["IEEE TCAD"]),
    ("TC", "IEEE Transactions on Computers", "journal", ["IEEE TC"]),
    ("TPDS", "IEEE Transactions on Parallel and Distributed Systems", "journal", []),
    ("TACO", "ACM Transactions on Architecture and Code Optimization", "journal", ["ACM TACO"]),
    ("TECS", "ACM Transactions on Embedded Computing Systems", "journal", []),
    ("TODAES", "ACM Transactions on Design Automation of Electronic Systems", "journal", []),
    ("TRETS", "ACM Transactions on Reconfigurable Technology and Systems", "journal", []),
    ("TVLSI", "IEEE Transactions on Very Large Scale Integration (VLSI) Systems", "journal", ["T-VLSI"]),
    ("TCAS-I", "IEEE Transactions on Circuits and Systems I: Regular Papers", "journal", ["TCAS1", "TCASI"]),
    ("TCAS-II", "IEEE Transactions on Circuits and Systems II: Express Briefs", "journal", ["TCAS2", "TCASII"]),
    ("JSSC", "IEEE Journal of Solid-State Circuits", "journal", []),
    ("JETCAS", "IEEE Journal on Emerging and Selected Topics in Circuits and Systems", "journal", []),
    ("CAL", "IEEE Computer Architecture Letters", "journal", ["IEEE CAL"]),
    ("IEEE Micro", "IEEE Micro", "journal", []),
    ("TOCS", "ACM Transactions on Computer Systems", "journal", []),
    ("TETC", "IEEE Transactions on Emerging Topics in Computing", "journal", []),
    ("TMC", "IEEE Transactions on Mobile Computing", "journal", []),
    ("IoT-J", "IEEE Internet of Things Journal", "journal", ["IoTJ"]),
    ("JMLR", "Journal of Machine Learning Research", "journal", []),
    ("TMLR", "Transactions on Machine Learning Research", "journal", []),
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence", "journal", ["PAMI", "T-PAMI"]),
    ("TNNLS", "IEEE Transactions on Neural Networks and Learning Systems", "journal", []),
    ("IJCV", "International Journal of Computer Vision", "journal", []),
    ("TIP", "IEEE Transactions on Image Processing", "journal", ["IEEE TIP"]),
    ("TCSVT", "IEEE Transactions on Circuits and Systems for Video Technology", "journal", []),
    ("TVCG", "IEEE Transactions on Visualization and Computer Graphics", "journal", []),
    ("TOG", "ACM Transactions on Graphics", "journal", ["ACM TOG"]),
    ("TACL", "Transactions of the Association for Computational Linguistics", "journal", []),
    ("TKDE", "IEEE Transactions on Knowledge and Data Engineering", "journal", []),
    ("TIFS", "IEEE Transactions on Information Forensics and Security", "journal", []),
    ("TDSC", "IEEE Transactions on Dependable and Secure Computing", "journal", []),
    ("TSE", "IEEE Transactions on Software Engineering", "journal", []),
    ("TOSEM", "ACM Transactions on Software Engineering and Methodology", "journal", []),
    ("TSP", "IEEE Transactions on Signal Processing", "journal", []),
    ("JSAC", "IEEE Journal on Selected Areas in Communications", "journal", []),
    ("TON", "IEEE/ACM Transactions on Networking", "journal", []),
    ("IMWUT", "Proceedings of the ACM on Interactive, Mobile, Wearable and Ubiquitous Technologies", "journal", []),
    ("Nature Electronics", "Nature Electronics", "journal", []),
    ("Nature Machine Intelligence", "Nature Machine Intelligence", "journal", []),
]


def case_of(acronym):
    short = len(acronym.replace("-", "")) <= 3
    return "exact" if short or acronym in WORDS or " " in acronym and acronym.split()[-1] in WORDS else "any"


rows = []
with open(src, newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        key = (r["acronym"], r["area"])
        acronym = RENAME.get(key, r["acronym"])
        if acronym is None:
            continue
        full = FULL_NAME.get(acronym, r["full_name"].strip())
        rows.append((acronym, full, "conference", ALIASES.get(acronym, []), "ccf-deadlines"))
for acronym, full, kind, aliases in ADDED:
    rows.append((acronym, full, kind, aliases, "added"))

names = [r[0] for r in rows]
assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
for r in rows:
    assert "\t" not in r[1] and "," not in "".join(r[3])

with open(out, "w") as f:
    f.write("# Computer-science venues for the venue detector. Rows marked ccf-deadlines are derived from\n")
    f.write("# ccfddl/ccf-deadlines (snapshot 5f8dce34, MIT licence, see LICENSE-ccf-deadlines beside this\n")
    f.write("# file); rows marked added (journals, Findings, missing conferences) and aliases are ours.\n")
    f.write("# case=exact: the acronym matches only as spelled; case=any: in any letter case. aliases match\n")
    f.write("# in any case, exact_aliases only as spelled. Multi-word names match word by word.\n")
    f.write("acronym\tfull_name\tkind\tcase\taliases\texact_aliases\torigin\n")
    for acronym, full, kind, aliases, origin in sorted(rows, key=lambda r: r[0].lower()):
        any_case = [a for a in aliases if case_of(a) == "any"]
        exact = [a for a in aliases if case_of(a) == "exact"]
        f.write(f"{acronym}\t{full}\t{kind}\t{case_of(acronym)}\t{','.join(any_case)}\t{','.join(exact)}\t{origin}\n")
print(len(rows), "rows")
