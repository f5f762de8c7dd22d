"""MNIST and Fashion-MNIST from the IDX files a user already has (raw or gzip-compressed).

The files are the ones Dive into Deep Learning's download leaves on disk
(``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``, ``t10k-images-idx3-ubyte``,
``t10k-labels-idx1-ubyte``, each possibly ending in ``.gz``; the ``…-images.idx3-ubyte``
spelling is accepted too), in the folder `data_dir` or its ``raw`` subfolder (torchvision's
layout: ``FashionMNIST/raw``).

IDX format (LeCun's): two zero bytes, a type byte (0x08: unsigned bytes), a byte giving the
number of dimensions, each dimension as a big-endian uint32, then the data in C order. Anything
else — a missing, truncated, corrupt or wrong-magic file, or images and labels that disagree —
is a `ConfigError` of key ``data_dir`` naming the file, never a traceback.
"""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config_fields import ConfigError
from ..shown import show_path

KEY = "data_dir"
UBYTE = 0x08
IMAGES_NDIM, LABELS_NDIM = 3, 1
CLASSES = 10
# At most this many data bytes are read from one file (60 000 images of 28 × 28 are 47 MB).
MAX_DATA_BYTES = 512 * 2**20
SPLITS = ("train", "t10k")


@dataclass(frozen=True)
class IdxSplit:
    """One split: images (count × rows × cols, uint8) and labels (count, uint8)."""

    images: np.ndarray
    labels: np.ndarray


def find_file(folder: Path, split: str, kind: str) -> Path:
    """The file of `split` ("train" or "t10k") and `kind` ("images" or "labels") in `folder`
    or its ``raw`` subfolder; ConfigError naming the file when there is none."""
    ndim = IMAGES_NDIM if kind == "images" else LABELS_NDIM
    stems = (f"{split}-{kind}-idx{ndim}-ubyte", f"{split}-{kind}.idx{ndim}-ubyte")
    for where in (folder, folder / "raw"):
        for stem in stems:
            for name in (stem, stem + ".gz"):
                if (where / name).is_file():
                    return where / name
    raise ConfigError.of(KEY, "{folder} holds no {name} (nor {name}.gz)", folder=show_path(folder),
                         name=stems[0])


def read_idx(path: Path, kind: str) -> np.ndarray:
    """The array in the IDX file `path` (raw or .gz): ``kind`` "images" wants 3 dimensions,
    "labels" 1, both unsigned bytes."""
    name = path.name
    ndim = IMAGES_NDIM if kind == "images" else LABELS_NDIM
    try:
        with (gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb")) as stream:
            head = _read(stream, 4, name)
            if len(head) < 4 or head[:2] != b"\0\0" or head[2] != UBYTE or head[3] != ndim:
                magic, expected = "0x" + head.hex().upper(), f"0x00000{UBYTE:X}0{ndim}"
                if kind == "images":
                    raise ConfigError.of(KEY, "{name} is not an IDX file of images (magic number "
                                              "{magic}, expected {expected})", name=name,
                                         magic=magic, expected=expected)
                raise ConfigError.of(KEY, "{name} is not an IDX file of labels (magic number "
                                          "{magic}, expected {expected})", name=name,
                                     magic=magic, expected=expected)
            raw_dims = _read(stream, 4 * ndim, name)
            if len(raw_dims) < 4 * ndim:
                raise ConfigError.of(KEY, "{name} is truncated: {expected} bytes of data "
                                          "expected, {found} found", name=name,
                                     expected=4 * ndim, found=len(raw_dims))
            dims = tuple(int(d) for d in np.frombuffer(raw_dims, dtype=">u4"))
            size = int(np.prod(dims, dtype=np.int64))
            if size > MAX_DATA_BYTES:
                raise ConfigError.of(KEY, "{name} claims {count} bytes of data; at most {most} "
                                          "are read", name=name, count=f"{size:,}",
                                     most=f"{MAX_DATA_BYTES:,}")
            data = _read(stream, size, name)
    except OSError as exc:
        raise ConfigError.of(KEY, "cannot read {name}: {problem}", name=name,
                             problem=exc.strerror or str(exc)) from None
    if len(data) < size:
        raise ConfigError.of(KEY, "{name} is truncated: {expected} bytes of data expected, "
                                  "{found} found", name=name, expected=f"{size:,}",
                             found=f"{len(data):,}")
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def _read(stream, count: int, name: str) -> bytes:
    """Up to `count` bytes, fewer when the file ends early (a cut gzip stream too); a damaged
    gzip stream is a ConfigError."""
    out = bytearray()
    try:
        while len(out) < count:
            piece = stream.read(min(count - len(out), _PIECE))
            if not piece:
                break
            out += piece
    except EOFError:   # gzip: the compressed stream ends early
        pass
    except (gzip.BadGzipFile, zlib.error):
        raise ConfigError.of(KEY, "{name} is not a valid gzip file", name=name) from None
    return bytes(out)


_PIECE = 1 << 20


def read_split(folder: Path, split: str) -> IdxSplit:
    """Images and labels of one split, checked against each other."""
    images_path, labels_path = find_file(folder, split, "images"), find_file(folder, split, "labels")
    images, labels = read_idx(images_path, "images"), read_idx(labels_path, "labels")
    if images.shape[0] != labels.shape[0]:
        raise ConfigError.of(KEY, "{images} holds {count} images but {labels} holds "
                                  "{label_count} labels", images=images_path.name,
                             count=images.shape[0], labels=labels_path.name,
                             label_count=labels.shape[0])
    if images.shape[0] == 0 or images.shape[1] * images.shape[2] == 0:
        raise ConfigError.of(KEY, "{name} holds no images", name=images_path.name)
    if labels.size and int(labels.max()) >= CLASSES:
        raise ConfigError.of(KEY, "{name} holds labels outside 0 … {last}",
                             name=labels_path.name, last=CLASSES - 1)
    return IdxSplit(images, labels)


def _folder(data_dir: str) -> Path:
    if not data_dir:
        raise ConfigError.of(KEY, "must name the folder holding the MNIST or Fashion-MNIST IDX "
                                  "files for task mnist")
    folder = Path(os.path.expanduser(data_dir))
    if not folder.is_dir():
        raise ConfigError.of(KEY, "{folder} is not a folder", folder=show_path(folder))
    return folder


def image_pixels(data_dir: str) -> int:
    """Pixels per training image (rows × cols), from the images file's header alone."""
    return _image_header(data_dir)[1]


def image_count(data_dir: str) -> int:
    """The number of training images, from the images file's header alone."""
    return _image_header(data_dir)[0]


def _image_header(data_dir: str) -> tuple[int, int]:
    """(images, pixels per image) of the training images file."""
    path = find_file(_folder(data_dir), "train", "images")
    try:
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as stream:
            head = _read(stream, 16, path.name)
    except OSError as exc:
        raise ConfigError.of(KEY, "cannot read {name}: {problem}", name=path.name,
                             problem=exc.strerror or str(exc)) from None
    if len(head) < 16 or head[:4] != bytes([0, 0, UBYTE, IMAGES_NDIM]):
        shape = read_idx(path, "images").shape   # says what is wrong
        return int(shape[0]), int(np.prod(shape[1:]))
    count, rows, cols = np.frombuffer(head[4:16], dtype=">u4")
    return int(count), int(rows) * int(cols)


def load_mnist(data_dir: str) -> tuple[IdxSplit, IdxSplit]:
    """The training and test splits of MNIST or Fashion-MNIST in `data_dir`.

    Parameters
    ----------
    data_dir : the folder holding the four IDX files (or their ``raw`` subfolder).

    Returns
    -------
    (train, test) : IdxSplit
        uint8 images and labels, read-only views of the files' bytes.

    Raises
    ------
    ConfigError
        Key ``data_dir``, naming the folder or file and what is wrong with it.
    """
    folder = _folder(data_dir)
    train, test = (read_split(folder, split) for split in SPLITS)
    if train.images.shape[1:] != test.images.shape[1:]:
        raise ConfigError.of(KEY, "the training images are {train} pixels but the test images "
                                  "{test}", train="×".join(map(str, train.images.shape[1:])),
                             test="×".join(map(str, test.images.shape[1:])))
    return train, test


def write_idx(path, array: np.ndarray) -> None:
    """Write a uint8 array as an IDX file (gzip-compressed when `path` ends in .gz): for tests
    and for making small data sets."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, UBYTE, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as stream:
        stream.write(header + array.tobytes())
