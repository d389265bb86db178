// Demo product photos, drawn at seed time: a dozen procedural pictures (SVG rendered by sharp, no
// downloads and no text in them), each turned into a few photos by a fixed colour shift and crop. Many
// products share a photo on purpose: the media module stores an image once per content hash, which is
// what keeps the seed fast and the media directory small.
import sharp, { type OutputInfo } from 'sharp'

export const photoKinds = [
  'tea',
  'coffee',
  'grains',
  'noodles',
  'honey',
  'pepper',
  'anise',
  'fruit',
  'bottle',
  'seafood',
  'roots',
  'nuts',
  'garlic',
  'pattern',
] as const
export type PhotoKind = (typeof photoKinds)[number]

/** One photo: a base picture, a colour shift (index into the kind's palette) and a crop. */
export type PhotoSpec = { kind: PhotoKind; tint: number; crop: number }

export const photoKey = (p: PhotoSpec) => `${p.kind}.${p.tint}.${p.crop}`

const W = 1600
const H = 1200

/** Hue turns (degrees) and small exposure changes; for fruit the palette is the fruit's colour. */
type Tint = { hue?: number; saturation?: number; brightness?: number }
const defaultTints: Tint[] = [{}, { hue: 10, brightness: 1.06 }, { hue: -12, saturation: 1.12, brightness: 0.96 }, { saturation: 0.88, brightness: 1.1 }]
const fruitTints: Tint[] = [
  {}, // orange
  { hue: 22, brightness: 1.08 }, // mango / pomelo yellow
  { hue: -28, saturation: 1.1 }, // lychee red
  { hue: 60, saturation: 0.9 }, // green (custard apple, coconut, green grapes)
  { hue: -95, brightness: 0.85 }, // purple (plums, red grapes)
]

// Two framings of the same scene: the whole of it, and a closer, mirrored one.
const crops = [
  { left: 0, top: 0, width: W, height: H, flop: false },
  { left: 120, top: 130, width: 1360, height: 1020, flop: true },
]

// Each base picture comes in three looks (colour shift and framing), so the demo needs about fifty distinct
// photos for its hundreds of products: encoding them is most of the seed's time.
const looks = [
  { tint: 0, crop: 0 },
  { tint: 1, crop: 1 },
  { tint: 3, crop: 0 },
]

/**
 * A product's photos: `count` (1–3) distinct ones of `kind`, starting from `look` (for fruit, its colour),
 * varied by `salt` so that the packs of one product do not all share a cover. A third photo is the
 * patterned cloth gift packs are wrapped in.
 */
export function productPhotos(kind: PhotoKind, look: number, count: number, salt: number): PhotoSpec[] {
  const photos: PhotoSpec[] = []
  for (let i = 0; i < Math.min(count, 3); i++) {
    if (i === 2) photos.push({ kind: 'pattern', tint: salt % 2, crop: 0 })
    else if (kind === 'fruit') photos.push({ kind, tint: look % fruitTints.length, crop: (salt + i) % crops.length })
    else photos.push({ kind, ...looks[(look + salt + i) % looks.length] })
  }
  return photos.filter((p, i) => photos.findIndex((q) => photoKey(q) === photoKey(p)) === i)
}

/** mulberry32: a small seeded generator, so every run draws the same pictures. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const f = (n: number) => n.toFixed(1)

function svg(background: [string, string], body: string, defs = '') {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${background[0]}"/><stop offset="1" stop-color="${background[1]}"/></linearGradient>
<radialGradient id="light" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#fff" stop-opacity="0.22"/><stop offset="1" stop-color="#000" stop-opacity="0.28"/></radialGradient>
${defs}
</defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>
${body}
<rect width="${W}" height="${H}" fill="url(#light)"/>
</svg>`
}

/** Points scattered in a disc, denser towards the middle (a heap). */
function heap(rand: () => number, cx: number, cy: number, r: number, count: number, draw: (x: number, y: number, i: number) => string) {
  let out = ''
  for (let i = 0; i < count; i++) {
    const a = rand() * Math.PI * 2
    const d = Math.sqrt(rand()) * r
    out += draw(cx + Math.cos(a) * d, cy + Math.sin(a) * d * 0.8, i)
  }
  return out
}

function tray(cx: number, cy: number, r: number, fill: string, rim: string) {
  return `<ellipse cx="${cx + 18}" cy="${cy + 30}" rx="${r}" ry="${r * 0.8}" fill="#000" opacity="0.25"/>
<ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${r * 0.8}" fill="${rim}"/>
<ellipse cx="${cx}" cy="${cy}" rx="${r * 0.93}" ry="${r * 0.74}" fill="${fill}"/>`
}

const leafPath = 'M0,0 C40,-46 150,-50 200,0 C150,50 40,46 0,0 Z'

const drawings: Record<PhotoKind, (rand: () => number) => string> = {
  tea(rand) {
    const defs = `<linearGradient id="leaf" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#7cb342"/><stop offset="1" stop-color="#2e5d1f"/></linearGradient>`
    let body = tray(820, 640, 560, '#c9a96b', '#8d6a3a')
    body += heap(rand, 820, 640, 470, 900, (x, y) => {
      const g = 40 + Math.floor(rand() * 40)
      return `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(10 + rand() * 16)}" ry="${f(4 + rand() * 5)}" transform="rotate(${Math.floor(rand() * 180)} ${f(x)} ${f(y)})" fill="hsl(${85 + Math.floor(rand() * 30)},${g}%,${18 + Math.floor(rand() * 16)}%)"/>`
    })
    for (let i = 0; i < 7; i++) {
      const x = [120, 1380, 1460, 200, 1300, 90, 1500][i]
      const y = [140, 120, 980, 1050, 1130, 620, 560][i]
      body += `<g transform="translate(${x} ${y}) rotate(${Math.floor(rand() * 360)}) scale(${f(1 + rand() * 0.8)})"><path d="${leafPath}" fill="url(#leaf)"/><path d="M5,0 L195,0" stroke="#d7e8c0" stroke-width="3" opacity="0.7"/></g>`
    }
    return svg(['#4a3323', '#23170f'], body, defs)
  },
  coffee(rand) {
    const defs = `<radialGradient id="bean" cx="0.35" cy="0.35" r="0.75"><stop offset="0" stop-color="#8a5330"/><stop offset="1" stop-color="#311a0c"/></radialGradient>`
    let body = ''
    for (let i = 0; i < 1100; i++) {
      const x = rand() * W
      const y = rand() * H
      const a = Math.floor(rand() * 180)
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${a})"><ellipse rx="30" ry="21" fill="url(#bean)"/><path d="M-24,2 C-8,-8 8,10 24,-2" stroke="#1c0e05" stroke-width="4" fill="none"/></g>`
    }
    return svg(['#b99a6b', '#7b6140'], body, defs)
  },
  grains(rand) {
    let body = tray(800, 620, 600, '#efe6cf', '#7a4a22')
    body += heap(rand, 800, 620, 520, 2600, (x, y) => {
      const l = 84 + Math.floor(rand() * 12)
      return `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(9 + rand() * 4)}" ry="${f(3.5 + rand() * 1.5)}" transform="rotate(${Math.floor(rand() * 180)} ${f(x)} ${f(y)})" fill="hsl(42,45%,${l}%)"/>`
    })
    body += heap(rand, 1450, 1080, 140, 160, (x, y) => `<ellipse cx="${f(x)}" cy="${f(y)}" rx="10" ry="4" transform="rotate(${Math.floor(rand() * 180)} ${f(x)} ${f(y)})" fill="#f3ecd9"/>`)
    return svg(['#34475e', '#18222f'], body)
  },
  noodles(rand) {
    let body = tray(800, 640, 620, '#3d3a35', '#6f5436')
    for (let i = 0; i < 260; i++) {
      const x = 260 + rand() * 1080
      const y = 260 + rand() * 760
      const len = 120 + rand() * 260
      let d = `M${f(x)},${f(y)}`
      for (let s = 1; s <= 6; s++) d += ` Q${f(x + (len / 6) * (s - 0.5))},${f(y + (rand() - 0.5) * 70)} ${f(x + (len / 6) * s)},${f(y + (rand() - 0.5) * 30)}`
      body += `<path d="${d}" stroke="hsl(35,25%,${70 + Math.floor(rand() * 20)}%)" stroke-opacity="0.7" stroke-width="${f(3 + rand() * 3)}" fill="none" transform="rotate(${Math.floor(rand() * 40) - 20} ${f(x)} ${f(y)})"/>`
    }
    return svg(['#5b4636', '#2d2119'], body)
  },
  honey(rand) {
    const defs = `<linearGradient id="jar" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#b35c00"/><stop offset="0.45" stop-color="#f5b324"/><stop offset="1" stop-color="#9c4f00"/></linearGradient>`
    let body = ''
    // Honeycomb across the back.
    for (let row = 0; row < 9; row++) {
      for (let col = 0; col < 14; col++) {
        const cx = col * 120 + (row % 2) * 60
        const cy = row * 104
        const pts = Array.from({ length: 6 }, (_, k) => {
          const a = (Math.PI / 3) * k + Math.PI / 6
          return `${f(cx + Math.cos(a) * 62)},${f(cy + Math.sin(a) * 62)}`
        }).join(' ')
        body += `<polygon points="${pts}" fill="hsl(${36 + Math.floor(rand() * 8)},85%,${38 + Math.floor(rand() * 18)}%)" stroke="#f6d27a" stroke-width="8"/>`
      }
    }
    body += `<rect x="0" y="780" width="${W}" height="420" fill="#6b4423"/>`
    for (const [x, w, h] of [
      [380, 360, 520],
      [860, 300, 420],
      [1220, 240, 330],
    ]) {
      const top = 900 - h
      body += `<ellipse cx="${x + w / 2 + 20}" cy="920" rx="${w / 2 + 20}" ry="40" fill="#000" opacity="0.3"/>
<rect x="${x}" y="${top}" width="${w}" height="${h}" rx="46" fill="url(#jar)"/>
<rect x="${x + 24}" y="${top - 70}" width="${w - 48}" height="90" rx="16" fill="#6d3f18"/>
<rect x="${x + w * 0.16}" y="${top + 50}" width="${w * 0.12}" height="${h - 110}" rx="20" fill="#fff" opacity="0.35"/>`
    }
    return svg(['#f1dfb6', '#c99b54'], body, defs)
  },
  pepper(rand) {
    const defs = `<radialGradient id="corn" cx="0.35" cy="0.35" r="0.8"><stop offset="0" stop-color="#6b6258"/><stop offset="1" stop-color="#141210"/></radialGradient>`
    let body = tray(820, 640, 560, '#caa56e', '#7c5a30')
    body += heap(rand, 820, 640, 480, 1500, (x, y) => `<circle cx="${f(x)}" cy="${f(y)}" r="${f(9 + rand() * 5)}" fill="url(#corn)"/>`)
    for (let i = 0; i < 9; i++) {
      const x = rand() < 0.5 ? 60 + rand() * 200 : 1340 + rand() * 200
      const y = 80 + rand() * 1040
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 360)})"><path d="M0,0 C30,-26 170,-20 230,6 C170,26 30,24 0,0 Z" fill="#c62828"/><path d="M0,0 C-14,-6 -26,-18 -34,-30" stroke="#2e7d32" stroke-width="9" fill="none"/></g>`
    }
    return svg(['#e9e2d3', '#b9ab92'], body, defs)
  },
  anise(rand) {
    let body = ''
    for (let i = 0; i < 14; i++) {
      const x = 120 + rand() * 1360
      const y = 120 + rand() * 960
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 90) - 45})"><rect x="-260" y="-26" width="520" height="52" rx="24" fill="#8b4a22"/><rect x="-260" y="-12" width="520" height="10" fill="#5e2e12"/></g>`
    }
    for (let i = 0; i < 42; i++) {
      const x = 80 + rand() * 1440
      const y = 80 + rand() * 1040
      const r = 55 + rand() * 35
      let petals = ''
      for (let k = 0; k < 8; k++) {
        petals += `<path d="M0,0 C${f(r * 0.25)},${f(-r * 0.2)} ${f(r * 0.8)},${f(-r * 0.22)} ${f(r)},0 C${f(r * 0.8)},${f(r * 0.22)} ${f(r * 0.25)},${f(r * 0.2)} 0,0 Z" transform="rotate(${k * 45})" fill="#7a3b1b" stroke="#3d1a08" stroke-width="3"/>`
      }
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 45)})">${petals}<circle r="${f(r * 0.16)}" fill="#4a230e"/></g>`
    }
    return svg(['#d9c7a5', '#a48a63'], body)
  },
  fruit(rand) {
    const defs = `<radialGradient id="fr" cx="0.35" cy="0.3" r="0.75"><stop offset="0" stop-color="#ffd27a"/><stop offset="0.6" stop-color="#f08a1c"/><stop offset="1" stop-color="#a44c07"/></radialGradient>`
    let body = `<ellipse cx="820" cy="720" rx="700" ry="460" fill="#6d4c2f"/><ellipse cx="820" cy="690" rx="650" ry="410" fill="#8a6240"/>`
    const placed: [number, number, number][] = []
    for (let i = 0; i < 60 && placed.length < 17; i++) {
      const r = 120 + rand() * 60
      const x = 280 + rand() * 1080
      const y = 360 + rand() * 600
      if (placed.some(([px, py, pr]) => Math.hypot(px - x, py - y) < (pr + r) * 0.8)) continue
      placed.push([x, y, r])
    }
    placed.sort((a, b) => a[1] - b[1])
    for (const [x, y, r] of placed) {
      body += `<circle cx="${f(x + 14)}" cy="${f(y + 18)}" r="${f(r)}" fill="#000" opacity="0.25"/><circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="url(#fr)"/><ellipse cx="${f(x - r * 0.35)}" cy="${f(y - r * 0.4)}" rx="${f(r * 0.22)}" ry="${f(r * 0.12)}" fill="#fff" opacity="0.35"/>`
    }
    for (let i = 0; i < 6; i++) {
      body += `<g transform="translate(${f(200 + rand() * 1200)} ${f(200 + rand() * 200)}) rotate(${Math.floor(rand() * 360)}) scale(1.3)"><path d="${leafPath}" fill="#3f7d2a"/></g>`
    }
    return svg(['#dfe8d2', '#8fa57a'], body, defs)
  },
  bottle(rand) {
    const defs = `<linearGradient id="liq" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#5a2a05"/><stop offset="0.4" stop-color="#b8620f"/><stop offset="1" stop-color="#4a2204"/></linearGradient>`
    let body = `<rect x="0" y="860" width="${W}" height="340" fill="#6e5a44"/>`
    for (let i = 0; i < 40; i++) body += `<path d="M${f(rand() * W)},${f(rand() * 700)} q40,-18 80,0" stroke="#fff" stroke-opacity="0.25" stroke-width="5" fill="none"/>`
    for (const [x, h] of [
      [330, 640],
      [700, 720],
      [1080, 580],
    ]) {
      const top = 880 - h
      body += `<ellipse cx="${x + 130}" cy="890" rx="150" ry="30" fill="#000" opacity="0.3"/>
<path d="M${x},${top + 260} C${x},${top + 180} ${x + 80},${top + 170} ${x + 90},${top + 110} L${x + 90},${top + 30} L${x + 170},${top + 30} L${x + 170},${top + 110} C${x + 180},${top + 170} ${x + 260},${top + 180} ${x + 260},${top + 260} L${x + 260},880 L${x},880 Z" fill="url(#liq)" stroke="#e8d8b8" stroke-opacity="0.5" stroke-width="6"/>
<rect x="${x + 84}" y="${top - 10}" width="92" height="60" rx="10" fill="#b71c1c"/>
<rect x="${x + 36}" y="${top + 300}" width="36" height="${h - 360}" rx="16" fill="#fff" opacity="0.3"/>
<rect x="${x + 20}" y="${top + 420}" width="220" height="180" rx="14" fill="#efe3c8" opacity="0.85"/>`
    }
    return svg(['#a9cbd8', '#4d7f95'], body, defs)
  },
  seafood(rand) {
    let body = ''
    for (let i = 0; i < 220; i++) body += `<circle cx="${f(rand() * W)}" cy="${f(rand() * H)}" r="${f(20 + rand() * 50)}" fill="#fff" opacity="${f(0.1 + rand() * 0.25)}"/>`
    for (let i = 0; i < 11; i++) {
      const x = 150 + (i % 4) * 380 + rand() * 60
      const y = 170 + Math.floor(i / 4) * 380 + rand() * 60
      let tentacles = ''
      for (let k = 0; k < 8; k++) tentacles += `<path d="M${-60 + k * 17},150 C${-70 + k * 19},230 ${-50 + k * 15},260 ${-60 + k * 17},300" stroke="#c98a6a" stroke-width="9" fill="none"/>`
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 40) - 20})"><path d="M0,-170 C90,-60 90,80 70,150 L-70,150 C-90,80 -90,-60 0,-170 Z" fill="#e7b998" stroke="#a86a4c" stroke-width="5"/><path d="M-90,-40 L-140,40 L-70,20 Z M90,-40 L140,40 L70,20 Z" fill="#dca585"/>${tentacles}</g>`
    }
    return svg(['#d8eef5', '#8ab7c9'], body)
  },
  roots(rand) {
    let body = ''
    for (let i = 0; i < 400; i++) body += `<circle cx="${f(rand() * W)}" cy="${f(rand() * H)}" r="${f(8 + rand() * 30)}" fill="hsl(${95 + Math.floor(rand() * 30)},35%,${18 + Math.floor(rand() * 14)}%)"/>`
    for (let i = 0; i < 9; i++) {
      const x = 160 + (i % 3) * 480 + rand() * 120
      const y = 140 + Math.floor(i / 3) * 360 + rand() * 60
      let d = ''
      for (let k = 0; k < 5; k++) d += `M0,${80 + k * 12} C${f(-90 + rand() * 180)},${f(160 + rand() * 60)} ${f(-120 + rand() * 240)},${f(220 + rand() * 60)} ${f(-140 + rand() * 280)},${f(280 + rand() * 40)} `
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 50) - 25})"><path d="${d}" stroke="#d9c29a" stroke-width="10" fill="none" stroke-linecap="round"/><path d="M-40,-60 C-60,40 -30,120 0,130 C30,120 60,40 40,-60 C20,-90 -20,-90 -40,-60 Z" fill="#e6d2a8" stroke="#a88b5c" stroke-width="5"/><path d="M0,-85 L0,-150" stroke="#5c8a3a" stroke-width="10"/></g>`
    }
    return svg(['#3a4a2b', '#1b2414'], body)
  },
  nuts(rand) {
    const defs = `<radialGradient id="nut" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#a4693a"/><stop offset="0.7" stop-color="#5b2f12"/><stop offset="1" stop-color="#2e1606"/></radialGradient>`
    let body = tray(820, 640, 580, '#d8c29a', '#8a6a3f')
    body += heap(rand, 820, 640, 470, 300, (x, y) => {
      const r = 34 + rand() * 14
      return `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 360)})"><ellipse rx="${f(r)}" ry="${f(r * 0.88)}" fill="url(#nut)"/><ellipse cx="${f(r * 0.35)}" rx="${f(r * 0.45)}" ry="${f(r * 0.5)}" fill="#e2d3b3" opacity="0.8"/></g>`
    })
    return svg(['#5c4a3a', '#2a2019'], body, defs)
  },
  garlic(rand) {
    let body = `<rect x="0" y="0" width="${W}" height="${H}" fill="#a07850" opacity="0.4"/>`
    for (let i = 0; i < 26; i++) {
      const x = 120 + (i % 6) * 260 + rand() * 60
      const y = 150 + Math.floor(i / 6) * 240 + rand() * 60
      const r = 80 + rand() * 30
      body += `<g transform="translate(${f(x)} ${f(y)}) rotate(${Math.floor(rand() * 30) - 15})"><ellipse cx="12" cy="16" rx="${f(r)}" ry="${f(r * 0.85)}" fill="#000" opacity="0.25"/><path d="M0,${f(-r * 1.5)} C${f(r * 0.2)},${f(-r * 0.9)} ${f(r)},${f(-r * 0.8)} ${f(r)},0 C${f(r)},${f(r * 0.8)} ${f(-r)},${f(r * 0.8)} ${f(-r)},0 C${f(-r)},${f(-r * 0.8)} ${f(-r * 0.2)},${f(-r * 0.9)} 0,${f(-r * 1.5)} Z" fill="#f4eee4" stroke="#c9b6a6" stroke-width="4"/><path d="M${f(-r * 0.4)},${f(-r * 0.6)} C${f(-r * 0.6)},0 ${f(-r * 0.4)},${f(r * 0.5)} ${f(-r * 0.2)},${f(r * 0.65)} M${f(r * 0.4)},${f(-r * 0.6)} C${f(r * 0.6)},0 ${f(r * 0.4)},${f(r * 0.5)} ${f(r * 0.2)},${f(r * 0.65)}" stroke="#b79fc2" stroke-width="5" fill="none"/></g>`
    }
    return svg(['#8a6b4c', '#4e3b29'], body)
  },
  pattern(rand) {
    // A brocade-like weave of diamonds and zigzags, the kind of cloth gift boxes are wrapped in.
    const colours = ['#b71c1c', '#1a237e', '#f9a825', '#2e7d32', '#fafafa', '#6a1b9a']
    let body = ''
    for (let row = 0; row < 12; row++) {
      const y = row * 100
      const band = colours[Math.floor(rand() * colours.length)]
      body += `<rect x="0" y="${y}" width="${W}" height="100" fill="${row % 2 ? '#1c1c2b' : band}"/>`
      for (let x = 0; x < W; x += 100) {
        const c = colours[(row + x / 100) % colours.length]
        body += `<polygon points="${x + 50},${y + 8} ${x + 92},${y + 50} ${x + 50},${y + 92} ${x + 8},${y + 50}" fill="${c}" opacity="0.9"/><polygon points="${x + 50},${y + 30} ${x + 70},${y + 50} ${x + 50},${y + 70} ${x + 30},${y + 50}" fill="${row % 2 ? band : '#1c1c2b'}"/>`
      }
    }
    return svg(['#1c1c2b', '#000'], body)
  },
}

type Raw = { data: Buffer; info: OutputInfo }
const bases = new Map<PhotoKind, Promise<Raw>>()

function basePicture(kind: PhotoKind): Promise<Raw> {
  let base = bases.get(kind)
  if (!base) {
    const drawing = drawings[kind](random(photoKinds.indexOf(kind) + 1))
    base = sharp(Buffer.from(drawing)).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    bases.set(kind, base)
  }
  return base
}

/** The photo as a camera would hand it over: a 1600×1200 JPEG. */
export async function photoJpeg(spec: PhotoSpec): Promise<Buffer> {
  const { data, info } = await basePicture(spec.kind)
  const tints = spec.kind === 'fruit' ? fruitTints : defaultTints
  const tint = tints[spec.tint % tints.length]
  const crop = crops[spec.crop % crops.length]
  let image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .extract({ left: crop.left, top: crop.top, width: crop.width, height: crop.height })
    .resize(W, H)
  if (crop.flop) image = image.flop()
  if (tint.hue || tint.saturation || tint.brightness) image = image.modulate(tint)
  return image.jpeg({ quality: 86 }).toBuffer()
}

/** Frees the rendered base pictures (about 6 MB each). */
export function forgetBasePictures() {
  bases.clear()
}
