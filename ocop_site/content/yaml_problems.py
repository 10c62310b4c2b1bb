"""PyYAML's problem texts ("mapping values are not allowed here") as phrases of the message catalogue.

A YAML syntax error is shown as "YAML syntax error: {detail}": the detail is PyYAML's own text, which
the English catalogue repeats word for word and the Vietnamese one translates; the parser's token names
in it ('<block mapping start>', '<scalar>') are translated too. A text PyYAML writes that is not listed
here is shown in a generic phrase of the reader's language, PyYAML's words in parentheses after it.
"""

from __future__ import annotations

import re

from ocop_site.i18n import N_
from ocop_site.problems import Phrase, Term, phrase

_QUOTED = r"(?P<{}>'.*')"  # a token or character as PyYAML shows it: in quotes (its repr)

# (PyYAML's text as a pattern, the catalogue's template that repeats it in English): the first that matches
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern.format(_QUOTED.format("token"))), template)
                                                        for pattern, template in (
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"expected ',' or '\]', but got {}", N_("expected ',' or ']', but got {token}")),
    (r"expected ',' or '\}}', but got {}", N_("expected ',' or '}}', but got {token}")),
    (r"expected <block end>, but found {}", N_("expected <block end>, but found {token}")),
    (r"found character '\\t' that cannot start any token", N_("found character '\\t' that cannot start any token")),
    (r"found character {} that cannot start any token", N_("found character {token} that cannot start any token")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found unknown escape character {}", N_("found unknown escape character {token}")),
    (r"but found another document", N_("but found another document")),
    (r"expected chomping or indentation indicators, but found {}",
     N_("expected chomping or indentation indicators, but found {token}")),
    (r"expected a comment or a line break, but found {}", N_("expected a comment or a line break, but found {token}")),
))

# the parser's names of what it met, as they appear in its texts (quoted)
_TOKENS = {
    "'<block mapping start>'": N_("yaml_token_key"),
    "'<scalar>'": N_("yaml_token_text"),
    "'-'": N_("yaml_token_item"),
    "'<block sequence start>'": N_("yaml_token_list"),
    "'<stream end>'": N_("yaml_token_end"),
    "':'": N_("yaml_token_colon"),
}


def yaml_problem(problem: str) -> Phrase:
    """PyYAML's `problem` text as a phrase shown in the reader's language (PyYAML's own words in English)."""
    for pattern, template in _KNOWN:
        match = pattern.fullmatch(problem)
        if match:
            values = {name: Term(_TOKENS[value]) if value in _TOKENS else value
                      for name, value in match.groupdict().items()}
            return phrase(template, **values)
    return phrase("yaml_problem_other", problem=problem)
