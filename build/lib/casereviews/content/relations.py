"""Checks of the ``related`` links between recommendations, which can only be made once every review is read.

A link names another review's recommendation as ``<slug>/<id>``. It must point at a recommendation that exists
in the content (whatever its publication state: the public site decides later what may be shown), not at the
recommendation itself, and ``replaces`` links must not go round in a circle. Each problem names the action plan,
the line of the link and the nearest identifiers that do exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches

from casereviews.content.model import Recommendation, Related, Review
from casereviews.problems import Problem


def identifier(slug: str, rec_id: str) -> str:
    """A recommendation's public identifier, ``<slug>/<id>``: the one place it is spelled."""
    return f"{slug}/{rec_id}"


@dataclass(frozen=True)
class _Link:
    source: str  # identifier of the recommendation that carries the link
    review: Review
    r: int  # index of the recommendation in its plan
    k: int  # index of the link
    link: Related

    def problem(self, message: str) -> Problem:
        return Problem(self.review.action_plan.source, self.link.line,
                       f"recommendations[{self.r}].related[{self.k}].recommendation", message)


def _links(reviews: Iterable[Review]) -> list[_Link]:
    out = []
    for review in reviews:
        if review.action_plan is None:
            continue
        for r, rec in enumerate(review.action_plan.recommendations):
            for k, link in enumerate(rec.related):
                out.append(_Link(identifier(review.slug, rec.id), review, r, k, link))
    return out


def relation_problems(reviews: Iterable[Review], unreadable: Iterable[str] = ()) -> list[Problem]:
    """Every problem with the links between ``reviews``' recommendations.

    ``unreadable`` holds the folder names of reviews that could not be read because of problems of their own:
    a link to one of them is not reported too, as the editor would be told twice about one mistake.
    """
    reviews = list(reviews)
    by_slug = {r.slug: r for r in reviews}
    unreadable = set(unreadable)
    problems: list[Problem] = []
    links = _links(reviews)
    for item in links:
        slug, _, rec_id = item.link.recommendation.partition("/")
        if item.link.recommendation == item.source:
            problems.append(item.problem(f"'{item.source}' is this recommendation itself: a recommendation cannot "
                                         "repeat, build on or replace itself; name the earlier recommendation"))
        elif slug in unreadable:
            continue
        elif slug not in by_slug:
            close = get_close_matches(slug, list(by_slug), n=3, cutoff=0.6)
            guess = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
            problems.append(item.problem(f"'{slug}' is not a review in reviews/; {guess}write the review's folder "
                                         "name, a slash and the recommendation's id, e.g. 2021-child-sam/R2"))
        elif by_slug[slug].action_plan is None:
            problems.append(item.problem(f"review '{slug}' has no action-plan.md, so it has no recommendation "
                                         f"'{rec_id}': link to a review whose action plan lists it"))
        elif not _find(by_slug[slug].action_plan.recommendations, rec_id):
            ids = [rec.id for rec in by_slug[slug].action_plan.recommendations]
            close = get_close_matches(rec_id, ids, n=3, cutoff=0.3)
            guess = f"did you mean {' or '.join(repr(identifier(slug, c)) for c in close)}? " if close else ""
            problems.append(item.problem(f"review '{slug}' has no recommendation '{rec_id}'; {guess}its "
                                         f"recommendations are {', '.join(ids)}"))
    problems += _replace_cycles(links)
    return problems


def _find(recommendations: tuple[Recommendation, ...], rec_id: str) -> Recommendation | None:
    return next((rec for rec in recommendations if rec.id == rec_id), None)


def _replace_cycles(links: list[_Link]) -> list[Problem]:
    """One problem for each circle of ``replaces`` links, at the link written by its first member."""
    edges: dict[str, list[_Link]] = {}
    for item in links:
        if item.link.relation == "replaces" and item.link.recommendation != item.source:
            edges.setdefault(item.source, []).append(item)
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        # Walk every path from start; a path that comes back to start is a circle.
        stack: list[tuple[str, list[_Link]]] = [(start, [])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for item in edges.get(node, ()):
                target = item.link.recommendation
                if target == start:
                    circle = [*path, item]
                    members = frozenset(i.source for i in circle)
                    if members not in reported:
                        reported.add(members)
                        words = " replaces ".join([*(i.source for i in circle), start])
                        problems.append(circle[0].problem(
                            f"'replaces' links go round in a circle ({words}): a recommendation cannot replace "
                            "one that, in turn, replaces it; remove the link that is wrong"))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, item]))
    return problems
