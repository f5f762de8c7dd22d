"""MNIST / Fashion-MNIST from IDX files: small files the tests write (raw and .gz) are read
back exactly; a missing, truncated, corrupt or wrong-magic file is a ConfigError of key
data_dir naming the file, never a traceback."""

import gzip

import numpy as np
import pytest

from engine import ConfigError, SimConfig
from engine.training import make_task, task_shape, train_points
from engine.training.idx import load_mnist, write_idx

ROWS = COLS = 4


def _split(rng, count):
    return (rng.integers(0, 256, (count, ROWS, COLS), dtype=np.uint8),
            rng.integers(0, 10, count, dtype=np.uint8))


def write_dataset(folder, suffix="", train=40, test=12, seed=0):
    """The four IDX files of a tiny MNIST (4 × 4 images) in `folder`; returns the arrays."""
    rng = np.random.default_rng(seed)
    arrays = {}
    for split, count in (("train", train), ("t10k", test)):
        images, labels = _split(rng, count)
        write_idx(folder / f"{split}-images-idx3-ubyte{suffix}", images)
        write_idx(folder / f"{split}-labels-idx1-ubyte{suffix}", labels)
        arrays[split] = (images, labels)
    return arrays


@pytest.mark.parametrize("suffix", ["", ".gz"], ids=["raw", "gzip"])
def test_idx_files_are_read_back_exactly(tmp_path, suffix):
    arrays = write_dataset(tmp_path, suffix)
    train, test = load_mnist(str(tmp_path))
    np.testing.assert_array_equal(train.images, arrays["train"][0])
    np.testing.assert_array_equal(train.labels, arrays["train"][1])
    np.testing.assert_array_equal(test.images, arrays["t10k"][0])
    np.testing.assert_array_equal(test.labels, arrays["t10k"][1])


def test_torchvisions_raw_folder_and_the_dotted_names_are_found(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_dataset(raw, ".gz")
    for path in raw.iterdir():   # train-images-idx3-ubyte.gz → train-images.idx3-ubyte.gz
        path.rename(raw / path.name.replace("-idx", ".idx"))
    train, _ = load_mnist(str(tmp_path))
    assert train.images.shape == (40, ROWS, COLS)


def test_the_mnist_task_is_standardized_with_ten_classes(tmp_path):
    write_dataset(tmp_path)
    task = make_task(SimConfig.from_dict({"task": "mnist", "data_dir": str(tmp_path)}))
    assert task.classes == 10 and task.inputs == ROWS * COLS and task.outputs == 10
    assert task.x_train.shape == (40, 16) and task.x_heldout.shape == (12, 16)
    assert task.x_train.dtype == np.float32
    assert float(task.x_train.mean()) == pytest.approx(0.0, abs=1e-5)
    assert float(task.x_train.var()) == pytest.approx(1.0, rel=1e-4)
    config = SimConfig.from_dict({"task": "mnist", "data_dir": str(tmp_path)})
    assert task_shape(config) == (16, 10)
    assert train_points(config) == len(task.x_train) == 40   # from the header alone
    for task_name in ("spiral", "xor", "teacher"):
        config = SimConfig.from_dict({"task": task_name})
        assert train_points(config) == len(make_task(config).x_train)


def _error(tmp_path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_mnist(str(tmp_path))
    assert info.value.key == "data_dir" and info.value.template is not None
    assert info.value.reason == info.value.template.format(**info.value.values)
    return info.value


def test_a_missing_file_is_named(tmp_path):
    write_dataset(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").unlink()
    assert "t10k-labels-idx1-ubyte" in _error(tmp_path).reason


@pytest.mark.parametrize("suffix", ["", ".gz"], ids=["raw", "gzip"])
def test_a_truncated_file_is_named(tmp_path, suffix):
    write_dataset(tmp_path, suffix)
    path = tmp_path / f"train-images-idx3-ubyte{suffix}"
    raw = gzip.decompress(path.read_bytes()) if suffix else path.read_bytes()
    cut = raw[: len(raw) - 100]
    path.write_bytes(gzip.compress(cut) if suffix else cut)
    error = _error(tmp_path)
    assert path.name in error.reason and "truncated" in error.reason


def test_a_gzip_stream_cut_short_is_truncated(tmp_path):
    write_dataset(tmp_path, ".gz")
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-12])   # the stream's end is missing
    error = _error(tmp_path)
    assert path.name in error.reason and "truncated" in error.reason


def test_a_wrong_magic_number_is_named(tmp_path):
    write_dataset(tmp_path)
    labels = tmp_path / "train-labels-idx1-ubyte"
    (tmp_path / "train-images-idx3-ubyte").write_bytes(labels.read_bytes())   # 1-D, not 3-D
    error = _error(tmp_path)
    assert "train-images-idx3-ubyte" in error.reason and "magic number 0x00000801" in error.reason


@pytest.mark.parametrize("content, words", [
    (b"not gzip at all", "not a valid gzip file"),
    (b"", "magic number"),
])
def test_corrupt_files_are_named(tmp_path, content, words):
    write_dataset(tmp_path, ".gz")
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(content)
    error = _error(tmp_path)
    assert "t10k-images-idx3-ubyte.gz" in error.reason and words in error.reason


def test_images_and_labels_must_agree(tmp_path):
    write_dataset(tmp_path)
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(39, np.uint8))
    assert "40 images" in _error(tmp_path).reason
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.full(40, 10, np.uint8))
    assert "labels outside 0 … 9" in _error(tmp_path).reason


def test_the_folder_must_be_given_and_exist(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_mnist("")
    assert info.value.key == "data_dir" and "task mnist" in info.value.reason
    with pytest.raises(ConfigError) as info:
        load_mnist(str(tmp_path / "nowhere"))
    assert "nowhere" in info.value.reason and "is not a folder" in info.value.reason
