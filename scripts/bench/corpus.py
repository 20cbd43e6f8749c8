"""Generate a realistic Chinese corpus: a project folder with N villages and M articles.

    .venv/bin/python scripts/bench/corpus.py OUT --villages 1000 --articles 2000 [--counties 100] [--photos 0]

Used by the search and build benchmarks. The text is built from the vocabulary
of the campaign report (people, places, industries, campaign terms and figures)
in varied sentences, so that words sit inside longer compounds (脱贫 in
脱贫攻坚), compounds meet other words, and names, places and mixed Chinese and
digits (1.2亿) occur on some pages only. Deterministic for a seed. The output
is a complete project: mkdocs.yml and the theme's files are linked from this
repository; villages, articles and photos are written.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

CATEGORIES = ["red-culture", "folk-custom", "specialty-industry", "eco-livable", "rural-governance"]
NEWS_CATEGORIES = ["工作动态", "经验交流", "媒体报道"]
AUTHORS = ["zuzhibu", "bianjibu"]
REAL_COUNTIES = ["罗田县", "英山县", "麻城市", "蕲春县", "浠水县", "黄梅县", "武穴市", "团风县", "红安县", "黄州区"]
SYLLABLES = list("安白宝北昌大德东丰福高官河红华黄家金井九兰乐李林柳龙马梅南平青清三山上石双水松桃天田王望西仙新杨阳永玉长正中周庄")
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")
GIVEN = list("正东锡文华林晓峰建国志明春生德胜秀英桂兰海涛红梅新民玉珍永福金山立军家乐思泉喜")
INDUSTRIES = ["油茶", "蕲艾", "茯苓", "苍术", "云雾茶", "桑葚", "莲藕", "青蛙", "黄秋葵", "银杏", "板栗", "甜柿", "茶叶", "中药材", "稻虾", "食用菌"]
PLACES = ["古梯田", "古村落", "古城墙", "村史馆", "政治生活馆", "党员群众服务中心", "生态农场", "采摘园", "荷塘"]
TERMS = ["基层党建", "脱贫攻坚", "精准脱贫", "乡村振兴", "村集体经济", "五星级支部", "红旗党支部", "软弱涣散村", "整县推进",
         "党员致富帮带", "驻村干部", "两学一做", "领岗诺责", "一切工作到支部", "党支部+N+党员群众", "智慧党建"]

SENTENCES = [
    "{village}党支部把{industry}作为主导产业，带动{n}户贫困户增收。",
    "近年来，{county}{township}以基层党建引领{industry}产业发展，村集体经济收入达到{money}万元。",
    "在脱贫攻坚中，{person}带领党员群众发展{industry}，人均增收{yuan}元。",
    "{village}依托{place}发展乡村旅游，接待游客{n}余人次，综合收入{money}万元。",
    "{county}开展“{term}”活动，全县{n}个村党支部比学赶超。",
    "村党支部书记{person}说，抓党建就是抓发展，要让每个支部强起来。",
    "引进能人回村投资{big}亿元，建设集观光、餐饮、种养于一体的{place}。",
    "全村流转土地{n}亩，种植{industry}和{industry2}，乡村振兴有了产业支撑。",
    "{village}被评为五星级支部，组织生活规范，群众满意度达到{pct}%。",
    "驻村干部{person}走村入户，摸清{n}户建档立卡贫困户的底数。",
    "{township}实施“双培工程”，把致富能手培养成党员，把党员培养成致富能手。",
    "通过“政府+公司+金融+保险+农户”五位一体模式，{village}发展{industry}，村集体年增收{money}万元。",
    "{person}是{village}的老党员，成立农民专业合作社，发展{industry}基地{n}亩。",
    "市委组织部督查组到{county}检查基层党建工作，查找问题{n}条，逐条整改。",
    "{village}的村史馆留住了乡愁，政治生活馆成为党员政治体检的场所。",
]


class Corpus:
    def __init__(self, seed: int, counties: int):
        self.rng = random.Random(seed)
        self.counties = REAL_COUNTIES + [self._name(2) + self.rng.choice("县县县市区") for _ in range(max(0, counties - 10))]
        self.counties = list(dict.fromkeys(self.counties))[:counties]
        self.townships = {c: [self._name(2) + "镇" for _ in range(6)] + ["大崎镇"] * (c == "罗田县") for c in self.counties}
        self.people = [self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(2)) for _ in range(400)]
        self.people += ["沈正东", "高锡文", "余晓峰", "华林"]

    def _name(self, length: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(length))

    def sentence(self, village: str, county: str, township: str) -> str:
        rng = self.rng
        industry, industry2 = rng.sample(INDUSTRIES, 2)
        return rng.choice(SENTENCES).format(
            village=village, county=county, township=township, industry=industry, industry2=industry2,
            person=rng.choice(self.people), place=rng.choice(PLACES), term=rng.choice(TERMS),
            n=rng.randint(3, 1500), money=round(rng.uniform(2, 30), 1), yuan=rng.randint(800, 9800),
            big=round(rng.uniform(0.5, 3), 1), pct=rng.randint(85, 99),
        )

    def paragraph(self, village: str, county: str, township: str, sentences: int) -> str:
        return "".join(self.sentence(village, county, township) for _ in range(sentences))

    def text(self, village: str, county: str, township: str, paragraphs: tuple[int, int], sentences: tuple[int, int]) -> str:
        """Paragraphs (a random count in a range) of sentences (likewise), blank-line separated."""
        return "\n\n".join(
            self.paragraph(village, county, township, self.rng.randint(*sentences))
            for _ in range(self.rng.randint(*paragraphs))
        )


def write_project(out: Path, villages: int, articles: int, counties: int = 100, seed: int = 1,
                  photos: int = 0, photos_per_village: int = 6, photo_size: tuple[int, int] = (4000, 3000)) -> dict:
    """Write the project; return what was made (slugs, counts)."""
    corpus = Corpus(seed, counties)
    rng = corpus.rng
    if out.exists():
        shutil.rmtree(out)
    (out / "villages").mkdir(parents=True)
    for name in ("scripts", "overrides"):
        (out / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", out / "docs", ignore=shutil.ignore_patterns("posts"))
    (out / "docs/news/posts").mkdir(parents=True)
    for name in ("categories.yml", "village.schema.json"):
        shutil.copy(ROOT / "villages" / name, out / "villages" / name)
    # The province's counties: 黄冈's ten with their codes, then invented ones with invented codes.
    real = {c["name"]: c["code"] for c in yaml.safe_load((ROOT / "villages/counties.yml").read_text(encoding="utf-8"))}
    (out / "villages/counties.yml").write_text("".join(
        f'- code: "{real.get(name, 429000 + index)}"\n  name: {name}\n' for index, name in enumerate(corpus.counties)
    ), encoding="utf-8")
    (out / "docs/_data/campaign.yml").write_text(
        (ROOT / "docs/_data/campaign.yml").read_text(encoding="utf-8").split("featured:")[0], encoding="utf-8"
    )

    made, names = [], set()
    for index in range(villages):
        county = corpus.counties[index % len(corpus.counties)]
        township = rng.choice(corpus.townships[county])
        name = corpus._name(2) + rng.choice(["村", "村", "村", "湾村", "畈村", "冲村"])
        while (county, name) in names:  # names are unique within a county
            name = corpus._name(2) + rng.choice(["村", "湾村", "畈村", "冲村"])
        names.add((county, name))
        slug = f"v{index:04d}"
        story = corpus.text(name, county, township, paragraphs=(3, 5), sentences=(3, 5))
        text = [
            "# yaml-language-server: $schema=../village.schema.json",
            f"name: {name}",
            f"category: {CATEGORIES[index % 5]}",
            f"county: {county}",
            f"township: {township}",
            f"summary: {corpus.sentence(name, county, township)}",
            f"party_org: {name}党支部",
            "leaders:",
            f"  - name: {rng.choice(corpus.people)}",
            "    role: 村党支部书记",
            "figures:",
            f"  - label: 村集体经济收入\n    value: {round(rng.uniform(2, 40), 1)}\n    unit: 万元\n    year: {rng.choice([2017, 2018])}",
            f"  - label: 帮扶贫困户\n    value: {rng.randint(5, 200)}\n    unit: 户",
            "highlights:",
            *[f"  - {corpus.sentence(name, county, township)}" for _ in range(3)],
            f"tags: [{rng.choice(INDUSTRIES)}, {rng.choice(TERMS)}]",
            "story: |",
            *["  " + line if line else "" for line in story.split("\n")],
        ]
        folder = out / "villages" / slug
        folder.mkdir()
        (folder / "village.yml").write_text("\n".join(text) + "\n", encoding="utf-8")
        if index < photos:
            add_photos(out, index, photos_per_village, photo_size)
        made.append((slug, name, county, township))

    titles = set()
    for index in range(articles):
        linked = rng.sample(made, rng.randint(1, 3))
        slug, name, county, township = linked[0]
        year = 2017 + index * 4 // max(articles, 1)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = rng.choice([f"{name}：{rng.choice(INDUSTRIES)}产业带富一方", f"{county}推进{rng.choice(TERMS)}",
                            f"{name}党支部的{rng.choice(['新变化', '致富经', '好做法'])}", f"走进{county}{township}"])
        if title in titles:  # the check rejects two articles with one title
            title += f"（{date[:4]}年之{index}）"
        titles.add(title)
        body = corpus.text(name, county, township, paragraphs=(3, 6), sentences=(3, 6))
        meta = {
            "title": title, "date": date, "categories": f"[{rng.choice(NEWS_CATEGORIES)}]",
            "tags": f"[{rng.choice(TERMS)}]", "authors": f"[{rng.choice(AUTHORS)}]",
            "villages": f"[{', '.join(v[0] for v in linked)}]",
        }
        front = "".join(f"{key}: {value}\n" for key, value in meta.items())
        (out / "docs/news/posts" / f"a{index:04d}.md").write_text(
            f"---\n{front}---\n\n# {title}\n\n{body}\n", encoding="utf-8"
        )
    return {"villages": villages, "articles": articles, "counties": len(corpus.counties), "photos": min(photos, villages) * photos_per_village}


def add_photos(project: Path, index: int, count: int = 6, size: tuple[int, int] = (4000, 3000)) -> None:
    """Give village number ``index`` camera-sized JPEGs (4000x3000 unless told, every
    fourth turned by EXIF) and list them in its village.yml."""
    from samples.synthetic_photos import camera_jpeg, landscape, scenes

    folder = project / "villages" / f"v{index:04d}"
    (folder / "photos").mkdir(exist_ok=True)
    lines = ["photos:"]
    for number, scene in enumerate(scenes(count)):
        orientation = 6 if (index + number) % 4 == 0 else 1
        picture = landscape(*(size[::-1] if orientation == 6 else size), seed=index * 10 + number, scene=scene)
        (folder / "photos" / f"IMG_{number}.jpg").write_bytes(camera_jpeg(picture, orientation=orientation, quality=90))
        lines += [f"  - file: IMG_{number}.jpg", f"    caption: 村容村貌（示意图）{number + 1}", "    alt: 示意图：山间的村庄和田地"]
    with open(folder / "village.yml", "a", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--photos", type=int, default=0, help="villages that get photos")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(write_project(args.out, args.villages, args.articles, args.counties, args.seed, args.photos))


if __name__ == "__main__":
    main()
