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


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("重复的字段 (duplicate key)")
    return dict(pairs)


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
    doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
    if doc.get("format") != "hz-meizhen-cluster-declaration":
        raise ValueError("不是申报文件 (not a declaration file)")
    if doc.get("version") != 1:
        raise ValueError("版本不符 (unsupported version)")
    sig = doc["signature"]
    if sig["algorithm"] != "Ed25519":
        raise ValueError("签名算法不支持 (unsupported algorithm)")
    raw_key = strict_b64(sig["publicKey"])
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
