import khabar


def test_all_is_sorted_and_names_exist() -> None:
    assert khabar.__all__ == sorted(khabar.__all__)
    for name in khabar.__all__:
        assert hasattr(khabar, name), name
        assert not name.startswith("_")


def test_every_error_is_a_khabar_error() -> None:
    for name in ("ConfigError", "EncodingError", "EvalError", "FormatError", "InputError",
                 "NotFoundError", "ResourceError", "StoreError"):  # fmt: skip
        assert issubclass(getattr(khabar, name), khabar.KhabarError)


def test_library_round_trip(tmp_path) -> None:
    settings = khabar.load_settings({"database": str(tmp_path / "k.db")}, environ={})
    from khabar.eval.gold import samples_dir

    with khabar.open_store(settings) as store:
        report = khabar.ingest([str(samples_dir())], store)
        assert report.ingested == 5
        assert store.search("كتائب حزب الله")
