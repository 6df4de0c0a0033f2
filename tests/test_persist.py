"""Model files: round trips, metadata, refusal of untrusted pickles and damaged files."""

import json
import shutil
import zipfile

import numpy as np
import pytest

import stance
from stance import persist

SENTENCES = ["Both sides agreed to resume talks in Geneva next month.",
             "Washington imposed fresh sanctions on the central bank.",
             "Two carrier groups were ordered into the region.",
             "The minister arrived in Seoul on Tuesday."]


def test_stance_format_round_trip(small_model, small_model_path):
    loaded = stance.load_model(small_model_path)
    assert np.allclose(small_model.predict_proba(SENTENCES), loaded.predict_proba(SENTENCES))
    assert list(loaded.classes_) == list(stance.LABELS)
    meta = loaded.metadata_
    assert meta["stance_version"] == stance.__version__
    assert meta["labels"] == list(stance.LABELS)
    assert {"sklearn_version", "training_data_sha256", "params"} <= set(meta)


def test_stance_format_holds_no_pickle(small_model_path):
    with zipfile.ZipFile(small_model_path) as zf:
        names = zf.namelist()
    assert all(n.endswith((".json", ".npy", ".txt")) for n in names)


def test_saving_is_deterministic(small_model, tmp_path):
    a = stance.save_model(small_model, tmp_path / "a.stance")
    b = stance.save_model(small_model, tmp_path / "b.stance")
    assert a.read_bytes() == b.read_bytes()


def test_joblib_needs_trust(small_model, tmp_path):
    path = stance.save_model(small_model, tmp_path / "m.joblib")
    with pytest.raises(stance.ModelError, match="trusted=True"):
        stance.load_model(path)
    loaded = stance.load_model(path, trusted=True)
    assert (loaded.predict(SENTENCES) == small_model.predict(SENTENCES)).all()


def test_truncated_files_fail_clearly(small_model, small_model_path, tmp_path):
    bad = tmp_path / "cut.stance"
    bad.write_bytes(small_model_path.read_bytes()[:5000])
    with pytest.raises(stance.ModelError, match="truncated or corrupt"):
        stance.load_model(bad)
    jl = stance.save_model(small_model, tmp_path / "m.joblib")
    cut = tmp_path / "cut.joblib"
    cut.write_bytes(jl.read_bytes()[:-100])
    with pytest.raises(stance.ModelError, match="checksum"):
        stance.load_model(cut, trusted=True)


def test_not_a_model(tmp_path):
    junk = tmp_path / "junk.joblib"
    junk.write_bytes(b"\x80\x04junk")
    with pytest.raises(stance.ModelError, match="not a stance"):
        stance.load_model(junk, trusted=True)
    with pytest.raises(stance.ModelError, match="not found"):
        stance.load_model(tmp_path / "missing.stance")


def _rewrite_meta(src, dst, **changes):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "meta.json":
                data = json.dumps(dict(json.loads(data), **changes)).encode()
            zout.writestr(item, data)


def test_other_labels_and_versions_are_refused(small_model_path, tmp_path):
    with pytest.raises(stance.ModelError, match="labels"):
        stance.load_model(small_model_path, labels=["pro", "con"])
    newer = tmp_path / "newer.stance"
    _rewrite_meta(small_model_path, newer, format_version=99, stance_version="9.0.0")
    with pytest.raises(stance.ModelError, match="newer stance"):
        stance.load_model(newer)
    old = tmp_path / "old.stance"
    _rewrite_meta(small_model_path, old, stance_version="0" if stance.__version__[0] != "0" else "1.0")
    with pytest.raises(stance.ModelError, match="incompatible"):
        stance.load_model(old)


def test_bundled_model_checksum_is_verified(tmp_path, monkeypatch):
    src = persist.default_model_path()
    if not src.exists():
        pytest.skip("no bundled model")
    shutil.copy(src, tmp_path / "default.stance")
    shutil.copy(src.with_name("default.sha256"), tmp_path / "default.sha256")
    monkeypatch.delenv("STANCE_MODEL", raising=False)
    monkeypatch.setattr(persist, "default_model_path", lambda: tmp_path / "default.stance")
    persist._load_default.cache_clear()
    try:
        assert stance.load_model() is not None
        persist._load_default.cache_clear()
        data = bytearray((tmp_path / "default.stance").read_bytes())
        data[len(data) // 2] ^= 0xFF
        (tmp_path / "default.stance").write_bytes(bytes(data))
        with pytest.raises(stance.ModelError, match="checksum"):
            stance.load_model()
    finally:
        persist._load_default.cache_clear()


def test_custom_estimator_needs_joblib(tmp_path):
    from sklearn.dummy import DummyClassifier

    dummy = DummyClassifier().fit([[0], [1]], ["a", "b"])
    with pytest.raises(stance.ModelError, match=".joblib"):
        stance.save_model(dummy, tmp_path / "d.stance")


def test_training_fingerprints_survive_a_save_and_older_files_load_without(tmp_path, small_model):
    import copy

    from stance.fingerprints import fingerprints

    model = copy.deepcopy(small_model)
    model.training_fingerprints_ = fingerprints(["Talks resumed.", "Sanctions were imposed."])
    loaded = stance.load_model(stance.save_model(model, tmp_path / "with.stance"))
    assert np.array_equal(loaded.training_fingerprints_, model.training_fingerprints_)
    del model.training_fingerprints_
    older = stance.load_model(stance.save_model(model, tmp_path / "without.stance"))
    assert not hasattr(older, "training_fingerprints_")
