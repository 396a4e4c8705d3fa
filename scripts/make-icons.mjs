// Renders resources/icon.svg, the one icon source, into every platform's icon (development time
// only; the outputs are committed): resources/icons/<n>x<n>.png for Linux and the window,
// icon.ico for Windows (ImageMagick's `convert`), icon.icns for macOS (written here: an ICNS file
// is a list of PNGs tagged by size). Chromium draws the SVG, so no SVG library is needed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'

const root = resolve(import.meta.dirname, '..')
const svg = readFileSync(join(root, 'resources/icon.svg'), 'utf8')
const out = join(root, 'resources/icons')
mkdirSync(out, { recursive: true })

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const png = {}
try {
  const page = await browser.newPage()
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`
    )
    png[size] = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    writeFileSync(join(out, `${size}x${size}.png`), png[size])
  }
} finally {
  await browser.close()
}

execFileSync('convert', [16, 24, 32, 48, 64, 128, 256].map((s) => join(out, `${s}x${s}.png`)).concat(join(out, 'icon.ico')))

// ICNS: 'icns', total length, then per image a 4-byte type, its length (header included), the PNG.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024]
]
const chunks = ICNS_TYPES.map(([type, size]) => {
  const head = Buffer.alloc(8)
  head.write(type, 0, 'ascii')
  head.writeUInt32BE(png[size].length + 8, 4)
  return Buffer.concat([head, png[size]])
})
const body = Buffer.concat(chunks)
const head = Buffer.alloc(8)
head.write('icns', 0, 'ascii')
head.writeUInt32BE(body.length + 8, 4)
writeFileSync(join(out, 'icon.icns'), Buffer.concat([head, body]))
console.log(`icons: ${SIZES.length} PNGs, icon.ico and icon.icns in resources/icons`)
