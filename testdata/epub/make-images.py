#!/usr/bin/python3
# Makes the small images of testdata/epub (run from that folder).
# dot.png is written by hand (zlib only); the JPEG and the WebP by PIL.
import struct, zlib
from PIL import Image

def png(path, w, h, rgb):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + \
            struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    rows = b''.join(b'\0' + bytes(rgb) * w for _ in range(h))
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

png('posts/img/dot.png', 16, 16, (200, 40, 40))
png('secret.png', 8, 8, (0, 0, 0))
png('cover.png', 60, 80, (30, 60, 120))
im = Image.new('RGB', (24, 16))
for x in range(24):
    for y in range(16):
        im.putpixel((x, y), (x * 10, y * 15, 120))
im.save('posts/img/photo.jpg', 'JPEG', quality=70)
# A WebP that calls itself .png, as real trees have.
im.save('posts/img/really-webp.png', 'WEBP', quality=60)
