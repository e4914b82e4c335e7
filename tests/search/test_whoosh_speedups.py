"""An index written through spilled sort runs (the batched marshal runs of whoosh_speedups) holds
every posting, and field lengths read through the remembered columns are Whoosh's own."""

from __future__ import annotations

from whoosh import index
from whoosh.util.numeric import byte_to_length, length_to_byte

from community.search import store  # noqa: F401  (installs the speedups, as the app does)
from community.search.documents import build_schema


def test_a_spilled_index_finds_every_document_with_its_lengths(tmp_path):
    schema = build_schema()
    texts = [
        f"Inwerken van jeugdhulpverlener {i} " + "werkbegeleiding en intervisie " * (i % 5)
        for i in range(3000)
    ]
    ix = index.create_in(str(tmp_path), schema)
    writer = ix.writer(limitmb=1, compound=False)  # far too little memory: postings spill
    for i, text in enumerate(texts):
        writer.add_document(id=str(i), kind="question", content=text, title=f"Vraag {i}")
    writer.commit()

    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert reader.doc_count() == 3000
        assert reader.doc_frequency("kind", "question") == 3000
        inwerk = reader.postings("content", "inwerk")
        assert len(list(inwerk.all_ids())) == 3000
        for docnum in (0, 1, 4, 1234, 2999):
            number = int(searcher.stored_fields(docnum)["id"])
            length = sum(
                freq for _word, freq, _weight, _value in schema["content"].index(texts[number])
            )
            expected = byte_to_length(length_to_byte(length))
            assert reader.doc_field_length(docnum, "content") == expected
            assert reader.doc_field_length(docnum, "kind") == 0  # no length column: the default
