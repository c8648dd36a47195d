"""The contract every search backend fulfils (run against Whoosh and tantivy alike)."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from index.analysis import normalize
from index.backend import IndexDocument, QuerySyntaxError, SearchBackend, SearchRequest
from tests.index.conftest import corpus

ALNUM = r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def contains(text: str, phrase: str) -> bool:
    """Substring truth; a phrase that starts or ends with a letter/digit matches whole words."""
    phrase, text = phrase.lower(), text.lower()
    pattern = re.escape(phrase)
    if re.match(ALNUM, phrase):
        pattern = f"(?<!{ALNUM})" + pattern
    if re.search(ALNUM + "$", phrase):
        pattern += f"(?!{ALNUM})"
    return re.search(pattern, text) is not None


def truth(phrase: str) -> set[int]:
    """Ids of the corpus documents whose title, agency or text contain ``phrase``."""
    return {d.id for d in corpus() if any(contains(t, phrase) for t in (d.title, d.agency, d.body))}


def ids(backend: SearchBackend, query: str, **options: object) -> set[int]:
    """Every id the search returns (one large page)."""
    result = backend.search(SearchRequest(query=query, page_size=100, **options))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


PHRASES = [
    "依申请公开",
    "政府开放日",
    "以公开为常态、不公开为例外",
    "未收到政府信息公开申请",
    "人民政府",
    "民政",
    "科学技术局",
    "局",
    "12345热线",
    "2023年",
    "5件",
    "15件",
    "R&D",
    "公开的和了",
    "国办公开办函〔2021〕30号",
    "alert",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_hits_equal_the_reports_containing_the_phrase(
    loaded: SearchBackend, phrase: str
) -> None:
    expected = truth(phrase)
    assert ids(loaded, f'"{phrase}"') == expected
    if " " not in phrase:
        assert ids(loaded, phrase) == expected


def test_the_phrase_truth_is_not_trivial() -> None:
    all_ids = {d.id for d in corpus()}
    for phrase in PHRASES:
        assert truth(phrase), phrase
    assert {p for p in PHRASES if truth(p) != all_ids} >= {"5件", "R&D", "12345热线", "2023年"}


def test_single_digits_and_letters_are_searchable_whole_words(loaded: SearchBackend) -> None:
    assert ids(loaded, "5件") == {11}
    assert ids(loaded, "15件") == {12}
    assert ids(loaded, "R&D") == {5, 12}


def test_a_phrase_does_not_match_across_spaces_or_punctuation(loaded: SearchBackend) -> None:
    assert 11 not in ids(loaded, "12345热线")
    assert ids(loaded, '"12345 热线"') == {11}
    assert ids(loaded, '"R & D"') == {11}


def test_terms_are_combined_with_and_by_default(loaded: SearchBackend) -> None:
    assert ids(loaded, "公安局 5件") == {11}
    assert ids(loaded, "公安局 AND 15件") == {12}


def test_or_not_minus_and_parentheses(loaded: SearchBackend) -> None:
    assert ids(loaded, "5件 OR 15件") == {11, 12}
    assert ids(loaded, "公安局 NOT 5件") == {12}
    assert ids(loaded, "公安局 -5件") == {12}
    assert ids(loaded, "-科学技术局") == {11, 12, 13, 14}
    assert ids(loaded, "(5件 OR 15件) 北京") == {12}
    assert ids(loaded, "公安局 -(5件 OR 15件)") == set()


def test_field_queries(loaded: SearchBackend) -> None:
    assert ids(loaded, "agency:公安局") == {11, 12}
    assert ids(loaded, "year:2023") == {3}
    assert ids(loaded, "year:2019..2022") == {1, 2, 4, 11, 12}
    assert ids(loaded, "year:..2018") == {13, 14}
    assert ids(loaded, "province:宁夏") == {1, 2, 3, 5, 11, 13}
    assert ids(loaded, "province:内蒙古 OR city:杭州") == {4, 14}
    assert ids(loaded, "level:province") == {12}
    assert ids(loaded, 'agency_kind:"公安局" 5件') == {11}
    assert ids(loaded, "title:政府开放日") == {13}


def test_a_field_matches_only_its_own_text(loaded: SearchBackend) -> None:
    assert 13 not in ids(loaded, "body:政府开放日")
    assert ids(loaded, "agency:民政") == {14}


@pytest.mark.parametrize(
    "query",
    [
        '"依申请公开',
        "(依申请公开",
        "依申请公开)",
        "color:red",
        "year:二〇二三",
        "OR 公开",
        "公开 NOT",
    ],
)
def test_malformed_queries_raise_query_syntax_error(loaded: SearchBackend, query: str) -> None:
    with pytest.raises(QuerySyntaxError):
        loaded.search(SearchRequest(query=query))


def facet(result_facets: dict, name: str) -> dict[str, int]:
    return {value.value: value.count for value in result_facets[name]}


def test_facets_count_every_field(loaded: SearchBackend) -> None:
    result = loaded.search(SearchRequest(query=""))
    assert result.total == 9
    assert facet(result.facets, "province") == {
        "宁夏回族自治区": 6,
        "内蒙古自治区": 1,
        "北京市": 1,
        "浙江省": 1,
    }
    assert facet(result.facets, "city")["银川市"] == 4
    assert facet(result.facets, "county") == {"灵武市": 1, "金凤区": 1, "海原县": 1, "西湖区": 1}
    assert facet(result.facets, "level") == {"county": 5, "city": 3, "province": 1}
    assert facet(result.facets, "agency_kind") == {
        "科学技术局": 5,
        "公安局": 2,
        "管理委员会": 1,
        "民政局": 1,
    }
    assert facet(result.facets, "year")["2021"] == 2
    assert facet(result.facets, "template") == {"2021": 5, "2019": 2, "pre2019": 2}
    assert facet(result.facets, "consistency") == {"pass": 4, "fail": 3, "unchecked": 2}
    assert [v.count for v in result.facets["province"]] == sorted(
        (v.count for v in result.facets["province"]), reverse=True
    )


def test_facet_filters_or_within_a_field_and_across_fields(loaded: SearchBackend) -> None:
    both_years = {"year": ["2021", "2023"]}
    assert ids(loaded, "", filters=both_years) == {1, 3, 4}
    narrowed = {"year": ["2021", "2023"], "province": ["宁夏回族自治区"]}
    assert ids(loaded, "", filters=narrowed) == {1, 3}


def test_facet_counts_reflect_the_other_filters_only(loaded: SearchBackend) -> None:
    request = SearchRequest(
        query="科学技术局", filters={"province": ["宁夏回族自治区"], "year": ["2021"]}
    )
    result = loaded.search(request)
    assert {hit.id for hit in result.hits} == {1}
    # Province counts ignore the province filter but apply the year filter …
    assert facet(result.facets, "province") == {"宁夏回族自治区": 1, "内蒙古自治区": 1}
    # … and year counts ignore the year filter but apply the province filter.
    assert facet(result.facets, "year") == {"2020": 1, "2021": 1, "2023": 1, "2024": 1}
    assert facet(result.facets, "level") == {"county": 1}


def test_the_total_is_exact_with_all_some_or_no_facets_requested(loaded: SearchBackend) -> None:
    filters = {"province": ["宁夏回族自治区"], "year": ["2021", "2023"]}
    expected = {1, 3}
    for facets in (("province", "year", "level"), ("province", "year"), ("level",), ()):
        request = SearchRequest(query="科学技术局", filters=filters, facets=facets, page_size=1)
        result = loaded.search(request)
        assert result.total == len(expected), facets
        assert set(result.facets) == set(facets)
        assert {hit.id for hit in result.hits} <= expected


def test_later_pages_keep_the_total_and_facet_counts_of_the_first(loaded: SearchBackend) -> None:
    first, second = (
        loaded.search(SearchRequest(query="政府", page=page, page_size=4)) for page in (1, 2)
    )
    assert second.total == first.total
    assert facet(second.facets, "year") == facet(first.facets, "year")
    assert not {hit.id for hit in first.hits} & {hit.id for hit in second.hits}


def test_drill_down_from_province_to_city_to_county(loaded: SearchBackend) -> None:
    result = loaded.search(
        SearchRequest(filters={"province": ["宁夏回族自治区"], "city": ["银川市"]})
    )
    assert facet(result.facets, "county") == {"灵武市": 1, "金凤区": 1}
    assert facet(result.facets, "city") == {"银川市": 4, "吴忠市": 1, "中卫市": 1}


def test_sort_by_year_and_by_published_date(loaded: SearchBackend) -> None:
    by_year = loaded.search(SearchRequest(sort="year", page_size=100))
    years = [hit.year for hit in by_year.hits]
    assert years == sorted(years, reverse=True)
    by_date = loaded.search(SearchRequest(sort="published", page_size=100))
    dates = [hit.published for hit in by_date.hits]
    assert dates[0] == dt.date(2025, 1, 10)
    assert dates[-1] is None
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)


def test_title_and_agency_matches_rank_above_body_matches(loaded: SearchBackend) -> None:
    result = loaded.search(SearchRequest(query="政府开放日"))
    assert result.hits[0].id == 13
    assert result.hits[0].score > result.hits[-1].score
    assert loaded.search(SearchRequest(query="民政")).hits[0].id == 14


def test_pages_split_the_results_and_total_counts_them_all(loaded: SearchBackend) -> None:
    pages = [loaded.search(SearchRequest(query="政府", page=n, page_size=4)) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [9, 9, 9]
    assert [len(p.hits) for p in pages] == [4, 4, 1]
    seen = [hit.id for page in pages for hit in page.hits]
    assert len(set(seen)) == 9


def test_hits_carry_the_stored_tags(loaded: SearchBackend) -> None:
    hit = loaded.search(SearchRequest(query="5件")).hits[0]
    assert (hit.id, hit.agency, hit.year, hit.city, hit.level) == (
        11,
        "银川市公安局",
        2022,
        "银川市",
        "city",
    )
    assert (hit.agency_kind, hit.template, hit.consistency) == ("公安局", "2021", "fail")
    assert hit.published == dt.date(2023, 1, 31)


def test_snippets_escape_the_text_and_mark_the_matches(loaded: SearchBackend) -> None:
    snippet = loaded.search(SearchRequest(query="alert 5件")).hits[0].snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;<mark>alert</mark>(&#x27;x&#x27;)" in snippet
    assert "收到<mark>5件</mark>申请" in snippet


def test_snippets_mark_a_phrase_once_and_whole(loaded: SearchBackend) -> None:
    snippet = loaded.search(SearchRequest(query='"以公开为常态、不公开为例外"')).hits[0].snippet
    assert "<mark>以公开为常态、不公开为例外</mark>" in snippet
    assert snippet.count("<mark>") == 1


def test_snippets_mark_the_words_of_every_positive_term(loaded: SearchBackend) -> None:
    snippet = loaded.search(SearchRequest(query="公安局 -北京")).hits[0].snippet
    assert "<mark>公安局</mark>" in snippet


# -- writing --------------------------------------------------------------------------------


def make_doc(report_id: int, body: str, **tags: object) -> IndexDocument:
    return IndexDocument(id=report_id, title=f"报告{report_id}", agency="测试局", body=body, **tags)  # type: ignore[arg-type]


def test_indexing_the_same_id_replaces_the_document(make_backend) -> None:  # type: ignore[no-untyped-def]
    backend = make_backend()
    backend.index_reports([make_doc(1, "第一版政务公开"), make_doc(2, "另一份")])
    backend.index_reports([make_doc(1, "第二版信息公开", year=2024)])
    assert backend.document_count() == 2
    assert ids(backend, "第一版") == set()
    assert ids(backend, "第二版") == {1}
    assert facet(backend.search(SearchRequest()).facets, "year") == {"2024": 1}


def test_duplicate_ids_within_one_batch_keep_the_last(make_backend) -> None:  # type: ignore[no-untyped-def]
    backend = make_backend()
    backend.index_reports([make_doc(1, "甲版本"), make_doc(1, "乙版本")])
    assert backend.document_count() == 1
    assert ids(backend, "乙版本") == {1}


def test_delete_and_clear(make_backend) -> None:  # type: ignore[no-untyped-def]
    backend = make_backend()
    backend.index_reports([make_doc(1, "政务公开", province="浙江省"), make_doc(2, "政务公开")])
    backend.delete_report(1)
    assert ids(backend, "政务公开") == {2}
    assert backend.search(SearchRequest()).facets["province"] == []
    backend.clear()
    assert backend.document_count() == 0
    assert backend.search(SearchRequest(query="政务公开")).total == 0


def test_a_reader_sees_commits_made_through_another_instance(make_backend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = make_backend(tmp_path / "shared")
    reader = make_backend(tmp_path / "shared")
    writer.index_reports([make_doc(1, "政府开放日")])
    assert ids(reader, "政府开放日") == {1}
    writer.index_reports([make_doc(2, "政府开放日活动")])
    assert ids(reader, "政府开放日") == {1, 2}
    assert reader.document_count() == 2


def test_a_phrase_repeating_a_bigram_needs_it_at_both_places(make_backend) -> None:  # type: ignore[no-untyped-def]
    backend = make_backend()
    backend.index_reports(
        [make_doc(1, "申请公开公开"), make_doc(2, "公开与公开、开公"), make_doc(3, "公开开公开")]
    )
    assert ids(backend, "公开公开") == {1}
    assert ids(backend, "开公开") == {1, 3}
    assert ids(backend, "公开开公") == {3}


def every_id(backend: SearchBackend, query: str) -> set[int]:
    """Every id the search returns, page by page; the total must count them."""
    found: set[int] = set()
    page = 1
    while True:
        result = backend.search(SearchRequest(query=query, page=page, page_size=100))
        found |= {hit.id for hit in result.hits}
        if page * 100 >= result.total:
            assert result.total == len(found)
            return found
        page += 1


def _plain(text: str) -> str:
    """Normalized text with every whitespace run as one space."""
    return re.sub(r"\s+", " ", normalize(text))


#: A small alphabet, so phrases, near-misses and repeated grams are common.
ALPHABET = [*"公开局" * 4, *"申请", "5", "1", "a", "Ｒ", "、", " ", "\n"]


def test_random_phrases_find_exactly_the_texts_containing_them(make_backend) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    texts = {n: "".join(rng.choices(ALPHABET, k=rng.randint(0, 40))) for n in range(1, 241)}
    backend = make_backend()
    for batch in range(3):  # several segments (commits), one of them with replacements
        backend.index_reports(
            [make_doc(n, text) for n, text in texts.items() if n % 3 == batch or n % 20 == 0]
        )
    for n in range(5, 241, 25):
        backend.delete_report(n)
        del texts[n]
    phrases = {
        text[start : start + size].strip()
        for text in rng.sample(sorted(texts.values()), 60)
        for start, size in ((0, rng.randint(1, 4)), (rng.randint(0, 10), rng.randint(5, 12)))
    }
    phrases = {p for p in phrases if p and '"' not in p}
    found_some = 0
    for phrase in sorted(phrases):
        plain = _plain(phrase)
        expected = {
            n
            for n, text in texts.items()
            if any(contains(_plain(t), plain) for t in (text, f"报告{n}", "测试局"))
        }
        assert every_id(backend, f'"{phrase}"') == expected, phrase
        found_some += bool(expected)
    assert len(phrases) > 60 and found_some > 40
