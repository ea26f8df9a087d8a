#!/usr/bin/env python3
"""用 Python 独立核验申报签名文件（不使用本程序的代码）。
Verify a signed declaration file in Python, independently of this program's code.

用法 Usage:  python3 verify.py 申报文件.json
需要 Needs:  PyPI rfc8785 and cryptography (python3 -m pip install rfc8785 cryptography)
成功时打印 "OK"、指纹和内容摘要，退出状态 0；否则打印原因，退出状态 1。
"""
import base64
import binascii
import hashlib
import json
import sys

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


# Ed25519 的 8 个小阶点（规范编码）：用它们作公钥，签名对任何内容都可能“通过”，不能证明持有私钥。
# The 8 small-order Ed25519 points (canonical encodings): with one as the public key a signature
# may "verify" for any content, so it proves nothing about holding a private key.
SMALL_ORDER = {bytes.fromhex(h) for h in (
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
)}


# 比较时去掉符号位（最后一个字节的最高位）：只比 y 坐标。同一个 y 加上另一个符号位（如单位元的
# 01 00…00 80）仍是小阶点，常用的 Ed25519 实现也照样接受它，所以只比完整的 32 字节是不够的。
# Compare with the sign bit (the top bit of the last byte) cleared, i.e. by the y coordinate alone:
# the same y with the other sign bit (e.g. the identity as 01 00…00 80) is still of small order,
# and common Ed25519 libraries accept that encoding too, so comparing all 32 bytes is not enough.
def without_sign_bit(key):
    return key[:31] + bytes([key[31] & 0x7f])


SMALL_ORDER_Y = {without_sign_bit(point) for point in SMALL_ORDER}


# 严格读取：不接受 BOM、重复的键（任何一层）、非整数的数字和超过 2^53-1 的整数——不同的程序对这些
# 文件的读法不同，签名核验通过的内容可能不是别人看到的内容（见 docs/FORMAT.md 第六节）。
# Read strictly: readers differ on these, so what verifies may not be what others read.
def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("重复的字段 (duplicate key)")
    return dict(pairs)


def no_float(text):
    raise ValueError(f"数字须为整数 (non-integer number: {text})")


def safe_int(text):
    if abs(int(text)) > 2**53 - 1:
        raise ValueError("整数过大 (integer beyond 2^53-1)")
    return int(text)


def strict_b64(text):
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:
        raise binascii.Error("not canonical base64")
    return raw


def verify(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) > 1 << 20:
        raise ValueError("文件过大 (over 1 MiB)")
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValueError("文件以 BOM 开头 (a BOM is not allowed)")
    doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates,
                     parse_float=no_float, parse_int=safe_int, parse_constant=no_float)
    if doc.get("format") != "hz-meizhen-cluster-declaration":
        raise ValueError("不是申报文件 (not a declaration file)")
    if type(doc.get("version")) is not int or doc["version"] != 1:
        raise ValueError("版本不符 (unsupported version)")
    sig = doc["signature"]
    if sig["algorithm"] != "Ed25519":
        raise ValueError("签名算法不支持 (unsupported algorithm)")
    raw_key = strict_b64(sig["publicKey"])
    if len(raw_key) != 32 or without_sign_bit(raw_key) in SMALL_ORDER_Y:
        raise ValueError("公钥无效或是小阶点 (bad or small-order public key)")
    if int.from_bytes(raw_key, "little") & ((1 << 255) - 1) >= 2**255 - 19:
        raise ValueError("公钥编码不规范 (non-canonical public key)")
    fingerprint = hashlib.sha256(raw_key).hexdigest()
    if sig["keyFingerprint"] != fingerprint:
        raise ValueError("指纹与公钥不符 (fingerprint does not match the key)")
    signature = strict_b64(sig.pop("value"))
    # The signed message: RFC 8785 of the whole object without signature.value.
    message = rfc8785.dumps(doc)
    Ed25519PublicKey.from_public_bytes(raw_key).verify(signature, message)
    return fingerprint, hashlib.sha256(message).hexdigest()


def main():
    if len(sys.argv) != 2:
        print("用法 usage: python3 verify.py 申报文件.json", file=sys.stderr)
        return 2
    try:
        fingerprint, digest = verify(sys.argv[1])
    except InvalidSignature:
        print("无效：内容被改动 (signature does not verify)")
        return 1
    except (ValueError, KeyError, TypeError, binascii.Error, rfc8785.CanonicalizationError) as e:
        print(f"无效 invalid: {e!r}")
        return 1
    print("OK")
    print(f"签名密钥指纹 key fingerprint: {fingerprint}")
    print(f"内容摘要 content digest: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
