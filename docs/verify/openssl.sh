#!/bin/sh
# 用 OpenSSL 3 独立核验申报签名文件（不使用本程序的代码）。
# Verify a signed declaration file with OpenSSL 3, independently of this program's code.
#
# 用法 Usage:  sh openssl.sh 申报文件.json
# 需要 Needs:  openssl 3.x; python3 with PyPI rfc8785 (for the RFC 8785 canonical form);
#              coreutils (base64, sha256sum).
# 成功时打印 "Signature Verified Successfully" 和内容摘要，退出状态 0；否则非 0。
set -eu
file="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. 严格读取：不接受 BOM、重复的键（任何一层）、非整数的数字和超过 2^53-1 的整数——不同的程序对这些
#    文件的读法不同，签名核验通过的内容可能不是别人看到的内容（见 docs/FORMAT.md 第六节）。
#    签名的消息：去掉 signature.value 后整个对象的 RFC 8785 规范形式（UTF-8）。
#    Read strictly: no BOM, no duplicate key at any depth, no non-integer number, no integer
#    beyond 2^53-1 (readers differ on these, so what verifies may not be what others read).
#    The signed message: RFC 8785 (JCS) of the whole object without signature.value.
python3 - "$file" "$work" <<'PY'
import base64, json, sys
import rfc8785

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
# 01 00…00 80）仍是小阶点，OpenSSL 也照样接受它，所以只比完整的 32 字节是不够的。
# Compare with the sign bit (the top bit of the last byte) cleared, i.e. by the y coordinate alone:
# the same y with the other sign bit (e.g. the identity as 01 00…00 80) is still of small order,
# and OpenSSL accepts that encoding too, so comparing all 32 bytes is not enough.
def without_sign_bit(key):
    return key[:31] + bytes([key[31] & 0x7f])

SMALL_ORDER_Y = {without_sign_bit(point) for point in SMALL_ORDER}

def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        sys.exit("重复的字段 (duplicate key)")
    return dict(pairs)

def no_float(text):
    sys.exit("数字须为整数 (non-integer number: %s)" % text)

def safe_int(text):
    if abs(int(text)) > 2**53 - 1:
        sys.exit("整数过大 (integer beyond 2^53-1)")
    return int(text)

path, work = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    data = f.read()
if data.startswith(b"\xef\xbb\xbf"):
    sys.exit("文件以 BOM 开头 (a BOM is not allowed)")
doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates,
                 parse_float=no_float, parse_int=safe_int, parse_constant=no_float)
if (doc.get("format") != "hz-meizhen-cluster-declaration"
        or type(doc.get("version")) is not int or doc["version"] != 1):
    sys.exit("不是第 1 版申报文件 (not a version 1 declaration file)")
sig = doc["signature"]
if sig["algorithm"] != "Ed25519":
    sys.exit("签名算法不支持 (unsupported algorithm)")
raw_key = base64.b64decode(sig["publicKey"], validate=True)
if len(raw_key) != 32 or without_sign_bit(raw_key) in SMALL_ORDER_Y:
    sys.exit("公钥无效或是小阶点 (bad or small-order public key)")
if int.from_bytes(raw_key, "little") & ((1 << 255) - 1) >= 2**255 - 19:
    sys.exit("公钥编码不规范 (non-canonical public key)")
value = sig.pop("value")
with open(work + "/msg.bin", "wb") as f:
    f.write(rfc8785.dumps(doc))
for name, text in (("sig.b64", value), ("pub.b64", sig["publicKey"]),
                   ("fingerprint", sig["keyFingerprint"])):
    with open(work + "/" + name, "w") as f:
        f.write(text)
PY

# 2. 指纹：原始 32 字节公钥的 SHA-256（小写十六进制）须与文件所写一致。
#    The fingerprint is the SHA-256 of the raw 32-byte key.
actual="$(base64 -d < "$work/pub.b64" | sha256sum | cut -d' ' -f1)"
if [ "$actual" != "$(cat "$work/fingerprint")" ]; then
    echo "指纹与公钥不符 (fingerprint does not match the key)" >&2
    exit 1
fi

# 3. PEM 公钥：Ed25519 的 SubjectPublicKeyInfo 是固定的 12 字节前缀 302a300506032b6570032100
#    加上原始公钥；该前缀的 base64 正好是 MCowBQYDK2VwAyEA（12 字节，无填充），
#    所以 PEM 正文就是它与 publicKey 字段的拼接。
#    The SPKI DER is the fixed prefix 302a300506032b6570032100 + the raw key; that prefix is
#    "MCowBQYDK2VwAyEA" in base64, so the PEM body is that text followed by publicKey.
{
    echo "-----BEGIN PUBLIC KEY-----"
    echo "MCowBQYDK2VwAyEA$(cat "$work/pub.b64")"
    echo "-----END PUBLIC KEY-----"
} > "$work/pub.pem"
base64 -d < "$work/sig.b64" > "$work/sig.bin"

# 4. 核验签名（Ed25519 是“纯”签名：-rawin，不预先哈希）。Verify (pure Ed25519: -rawin).
openssl pkeyutl -verify -pubin -inkey "$work/pub.pem" -rawin \
    -in "$work/msg.bin" -sigfile "$work/sig.bin"

# 5. 内容摘要（打印在纸质申报表上）：签名消息的 SHA-256。The content digest printed on paper.
echo "内容摘要 content digest: $(sha256sum "$work/msg.bin" | cut -d' ' -f1)"
