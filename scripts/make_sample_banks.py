"""Make the sample question banks in docs/demo/: one GIFT, one Moodle XML and one XLSX file.

An organizer tries the studio's bank import with them (Studio → a course → Bank soal →
Impor) beside the sample participant list ``docs/demo/peserta-contoh.csv``. Each file holds
six questions on the demo curriculum (SPEC: Agenda 1 in GIFT, Agenda 2 in Moodle XML,
Agenda 3 in XLSX), written for Latih: one correct answer or several with partial credit,
feedback per option and a general explanation. Their categories ("Agenda 1/…") are new
ones, so importing them into the demo course leaves the demo evaluation's draw as it is.

The files are written by Latih's own writers (``latih.exams.formats``), so they are what
Latih itself exports, and the XLSX's dates are fixed, so running the script again gives
the same bytes (a test checks that the files and this script agree).

Usage (from the project root)::

    .venv/bin/python scripts/make_sample_banks.py          # write the three files
    .venv/bin/python scripts/make_sample_banks.py --check  # fail if a file is out of date
"""

import argparse
import io
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from latih.exams.formats import HTML, BankOption, BankQuestion  # noqa: E402
from latih.exams.formats.gift import write_gift  # noqa: E402
from latih.exams.formats.moodlexml import write_moodle_xml  # noqa: E402
from latih.exams.formats.table import write_xlsx  # noqa: E402

OUT = ROOT / "docs" / "demo"
GIFT = "soal-contoh.gift"
MOODLE_XML = "soal-contoh.xml"
XLSX = "soal-contoh.xlsx"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def q(
    category: str,
    name: str,
    text: str,
    options: list[tuple[str, float | str] | tuple[str, float | str, str]],
    feedback: str = "",
    *,
    multiple: bool = False,
    fmt: str = "plain",
) -> BankQuestion:
    return BankQuestion(
        text=text,
        options=[
            BankOption(option[0], Decimal(str(option[1])), option[2] if len(option) > 2 else "")
            for option in options
        ],
        multiple=multiple,
        category=category,
        name=name,
        format=fmt,
        feedback=feedback,
    )


WK = "Agenda 1/Wawasan Kebangsaan"
AIK = "Agenda 1/Analisis Isu Kontemporer"
KBN = "Agenda 1/Kesiapsiagaan Bela Negara"

AGENDA_1 = [
    q(
        WK,
        "WK-01",
        "Seorang pegawai ditempatkan di daerah yang bahasa dan adat istiadatnya berbeda dengan "
        "daerah asalnya. Sikap yang paling mencerminkan semangat Bhinneka Tunggal Ika adalah ...",
        [
            (
                "mempelajari kebiasaan setempat dan melayani semua warga dengan setara",
                100,
                "Tepat: perbedaan dihormati, pelayanan tetap sama bagi semua.",
            ),
            ("meminta warga memakai bahasa daerah asal pegawai agar komunikasi lancar", 0),
            ("hanya bergaul dengan sesama pendatang dari daerah asalnya", 0),
            ("menunda pelayanan sampai ia fasih berbahasa daerah setempat", 0),
        ],
        "Bhinneka Tunggal Ika: berbeda-beda tetapi tetap satu. Perbedaan diterima, "
        "persatuan dan pelayanan yang adil dijaga.",
    ),
    q(
        WK,
        "WK-02",
        "Berdirinya Budi Utomo, yang diperingati sebagai Hari Kebangkitan Nasional, terjadi "
        "pada tahun ...",
        [
            ("1908", 100, "Benar: 20 Mei 1908."),
            ("1928", 0, "1928 adalah tahun Sumpah Pemuda."),
            ("1945", 0, "1945 adalah tahun Proklamasi Kemerdekaan."),
            ("1998", 0),
        ],
    ),
    q(
        AIK,
        "AIK-01",
        "Sebelum meneruskan pesan berantai tentang pendaftaran bantuan sosial ke grup warga, "
        "langkah yang tepat adalah ... (pilih semua jawaban yang benar)",
        [
            ("memeriksa kebenarannya di situs atau kanal resmi instansi penyelenggara", 50),
            ("mencari tahu siapa sumber pertama pesan itu dan kapan pesan itu dibuat", 50),
            (
                "meneruskannya segera agar warga tidak tertinggal informasi",
                -50,
                "Pesan yang belum diperiksa bisa jadi hoaks atau penipuan.",
            ),
            ("menambahkan komentar bahwa pesan itu pasti benar", -50),
        ],
        "Saring sebelum sharing: periksa sumber, tanggal dan kanal resminya dahulu.",
        multiple=True,
    ),
    q(
        AIK,
        "AIK-02",
        "Lembaga pemerintah yang bertugas mencegah dan memberantas penyalahgunaan serta "
        "peredaran gelap narkotika adalah ...",
        [
            ("Badan Narkotika Nasional (BNN)", 100),
            ("Badan Nasional Penanggulangan Terorisme (BNPT)", 0, "BNPT menanggulangi terorisme."),
            ("Badan Pengawas Obat dan Makanan (BPOM)", 0, "BPOM mengawasi obat dan makanan."),
            (
                "Pusat Pelaporan dan Analisis Transaksi Keuangan (PPATK)",
                0,
                "PPATK menganalisis transaksi keuangan mencurigakan.",
            ),
        ],
    ),
    q(
        KBN,
        "KBN-01",
        "Gempa mengguncang saat Anda melayani warga di lantai dua kantor. Tindakan pertama yang "
        "paling tepat adalah ...",
        [
            (
                "berlindung di bawah meja yang kokoh sambil melindungi kepala, lalu keluar dengan "
                "tertib setelah guncangan berhenti",
                100,
            ),
            ("segera berlari menuruni tangga selagi guncangan masih terjadi", 0),
            ("memakai lift agar cepat sampai ke lantai dasar", 0, "Lift bisa macet atau rusak."),
            ("berdiri di dekat jendela kaca untuk melihat keadaan di luar", 0),
        ],
        "Merunduk, berlindung, bertahan; evakuasi melalui jalur yang aman setelah guncangan "
        "berhenti.",
    ),
    q(
        KBN,
        "KBN-02",
        "Ikut serta dalam upaya bela negara hanya menjadi tugas TNI dan Polri, bukan tugas ASN.",
        [("Benar", 0), ("Salah", 100)],
        "Menurut UUD 1945 Pasal 27 ayat (3), setiap warga negara berhak dan wajib ikut serta "
        "dalam upaya pembelaan negara, ASN juga.",
    ),
]

AGENDA_2 = [
    q(
        "Agenda 2/Berorientasi Pelayanan",
        "BP-01",
        "<p>Warga mengeluh karena harus datang <strong>tiga kali</strong> untuk melengkapi "
        "berkas yang persyaratannya tidak pernah diumumkan.</p><p>Perbaikan yang paling sesuai "
        "dengan nilai Berorientasi Pelayanan adalah ...</p>",
        [
            ("mengumumkan daftar persyaratan lengkap di loket dan di laman instansi", 100),
            ("meminta warga datang lebih pagi agar antrean lebih pendek", 0),
            ("menambah satu tahap pemeriksaan berkas", 0),
            ("menolak berkas yang kurang tanpa memberi penjelasan", 0),
        ],
        "<p>Pelayanan yang baik memahami kebutuhan warga dan terus diperbaiki.</p>",
        fmt=HTML,
    ),
    q(
        "Agenda 2/Akuntabel",
        "AK-01",
        "Perilaku yang mencerminkan nilai Akuntabel adalah ... (pilih semua jawaban yang benar)",
        [
            ("mengembalikan sisa uang perjalanan dinas yang tidak terpakai", "33.33333"),
            ("mencatat pemakaian barang milik negara sesuai kenyataan", "33.33333"),
            ("memakai fasilitas kantor hanya untuk keperluan dinas", "33.33333"),
            (
                "mengisi daftar hadir rapat yang tidak diikuti",
                "-33.33333",
                "Ini memalsukan pertanggungjawaban.",
            ),
        ],
        multiple=True,
    ),
    q(
        "Agenda 2/Kompeten",
        "KO-01",
        "Aturan baru tentang layanan perizinan baru saja terbit. Langkah yang paling "
        "mencerminkan nilai Kompeten adalah ...",
        [
            ("mempelajari aturan itu lalu membagikan ringkasannya kepada rekan satu unit", 100),
            ("menunggu pelatihan resmi sebelum membacanya", 0),
            ("tetap bekerja dengan cara lama sampai ada teguran", 0),
            ("menyerahkan semua pertanyaan warga kepada atasan", 0),
        ],
    ),
    q(
        "Agenda 2/Harmonis",
        "HA-01",
        "Rekan kerja Anda merayakan hari raya agama yang berbeda dengan agama Anda. Sikap yang "
        "sesuai dengan nilai Harmonis adalah ...",
        [
            (
                "mengucapkan selamat dan membantu mengatur jadwal piket agar ia dapat merayakannya",
                100,
            ),
            ("tidak menanggapi karena bukan hari raya agama sendiri", 0),
            ("meminta ia tetap masuk kerja karena layanan sedang ramai", 0),
            ("membicarakan perbedaan itu dengan rekan lain di belakangnya", 0),
        ],
    ),
    q(
        "Agenda 2/Adaptif",
        "AD-01",
        "Layanan instansi Anda pindah ke aplikasi daring, sementara sebagian warga lansia belum "
        "terbiasa memakai ponsel pintar. Tanggapan yang paling adaptif adalah ...",
        [
            (
                "membuka meja pendampingan untuk membantu warga memakai aplikasi, sambil mencatat "
                "kesulitan mereka untuk perbaikan",
                100,
            ),
            ("meminta warga lansia mengajak anaknya setiap kali datang", 0),
            ("kembali melayani secara manual dan tidak memakai aplikasi", 0),
            ("menyerahkan urusan itu sepenuhnya kepada pengembang aplikasi", 0),
        ],
    ),
    q(
        "Agenda 2/Kolaboratif",
        "KL-01",
        "Tim Anda menyusun standar operasional prosedur (SOP) layanan yang baru. Cara kerja "
        "yang paling kolaboratif adalah ...",
        [
            (
                "mengundang petugas loket dan perwakilan warga memberi masukan sebelum SOP "
                "ditetapkan",
                100,
            ),
            ("menyusun SOP sendiri agar cepat selesai", 0),
            ("menyalin SOP instansi lain tanpa penyesuaian", 0),
            ("menyerahkan seluruh penyusunan kepada pihak luar", 0),
        ],
    ),
]

SMART = "Agenda 3/Smart ASN"
MANAJEMEN = "Agenda 3/Manajemen ASN"

AGENDA_3 = [
    q(
        SMART,
        "",
        "Anda menerima surel yang tampak berasal dari bagian kepegawaian dan meminta Anda "
        'membuka tautan untuk "memverifikasi akun". Alamat pengirimnya memakai domain yang '
        "mirip, tetapi tidak sama, dengan domain instansi. Tindakan yang tepat adalah ...",
        [
            ("tidak membuka tautannya dan melaporkan surel itu ke pengelola TI instansi", 100),
            ("membuka tautan dari ponsel pribadi agar komputer kantor aman", 0),
            ("membalas surel itu untuk menanyakan keasliannya", 0),
            ("meneruskan surel itu ke rekan satu unit untuk dimintai pendapat", 0),
        ],
        "Domain yang mirip dan permintaan verifikasi akun adalah ciri phishing.",
    ),
    q(
        SMART,
        "",
        "Sebelum membagikan dokumen layanan melalui tautan penyimpanan awan, langkah yang tepat "
        "adalah ... (pilih semua jawaban yang benar)",
        [
            ("membatasi akses hanya untuk orang yang memerlukannya", 50),
            ("menghapus data pribadi yang tidak diperlukan dari dokumen", 50),
            ("mengatur tautan agar dapat dibuka siapa saja yang memilikinya", -50),
            ("mengirim tautan itu ke grup publik agar mudah ditemukan", -50),
        ],
        multiple=True,
    ),
    q(
        SMART,
        "",
        "Di grup percakapan kantor, seorang rekan membagikan foto warga yang sedang mengurus "
        "layanan, disertai komentar mengejek. Tanggapan yang sesuai dengan etika digital "
        "adalah ...",
        [
            (
                "mengingatkannya secara pribadi agar menghapus foto itu karena melanggar privasi",
                100,
            ),
            ("ikut menanggapi dengan emoji tertawa", 0),
            ("menyimpan foto itu untuk berjaga-jaga", 0),
            ("meneruskan foto itu ke grup lain sebagai contoh", 0),
        ],
    ),
    q(
        MANAJEMEN,
        "",
        "Nomor Induk Pegawai (NIP) ASN terdiri atas ... digit.",
        [("16", 0, "16 digit adalah NIK."), ("18", 100), ("20", 0), ("12", 0)],
        "NIP memuat tanggal lahir, tahun dan bulan pengangkatan, jenis kelamin, dan nomor urut.",
    ),
    q(
        MANAJEMEN,
        "",
        "Setiap ASN diharapkan mengikuti pengembangan kompetensi paling sedikit ... jam "
        "pelajaran (JP) dalam setahun.",
        [("10 JP", 0), ("20 JP", 100), ("40 JP", 0), ("80 JP", 0)],
    ),
    q(
        MANAJEMEN,
        "",
        "Seorang PPPK ingin memakai hak cutinya. Cara yang benar adalah ...",
        [
            (
                "mengajukan permohonan cuti kepada pejabat yang berwenang dan menunggu "
                "persetujuannya",
                100,
            ),
            ("tidak masuk kerja, lalu memberi tahu atasan setelah kembali", 0),
            ("menitipkan daftar hadirnya kepada rekan", 0),
            ("meminta rekan menggantikannya tanpa sepengetahuan atasan", 0),
        ],
    ),
]

GIFT_HEADER = """\
// Contoh bank soal Latih dalam format GIFT (Moodle), UTF-8: enam soal Agenda 1.
// Impor di Studio: kursus → Bank soal → Impor. Teks milik proyek Latih, AGPL-3.0-or-later.
// Sample question bank (GIFT); made by scripts/make_sample_banks.py, do not edit by hand.
//
// ::nama:: teks soal { =jawaban benar ~jawaban salah ~%50% bobot sebagian #umpan balik
// ####pembahasan }.  $CATEGORY: mengganti kategori soal berikutnya.

"""


XML_HEADER = (
    "<!-- Contoh bank soal Latih dalam format Moodle XML: enam soal Agenda 2. Impor di "
    "Studio: kursus → Bank soal → Impor. Teks milik proyek Latih, AGPL-3.0-or-later. "
    "Made by scripts/make_sample_banks.py, do not edit by hand. -->\n"
).encode()


def _fixed_dates(xlsx: bytes) -> bytes:
    """The workbook with fixed creation dates, so that the same questions give the same
    bytes."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2026-01-01T00:00:00Z",
                    data,
                )
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()


def build() -> dict[str, bytes]:
    """The sample files' names and contents."""
    return {
        GIFT: (GIFT_HEADER + write_gift(AGENDA_1)).encode(),
        MOODLE_XML: write_moodle_xml(AGENDA_2).replace(b"<quiz>", XML_HEADER + b"<quiz>", 1),
        XLSX: _fixed_dates(write_xlsx(AGENDA_3)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files")
    arguments = parser.parse_args()
    stale = []
    for name, content in build().items():
        path = OUT / name
        if arguments.check:
            if not path.exists() or path.read_bytes() != content:
                stale.append(name)
            continue
        path.write_bytes(content)
        print(f"wrote {path.relative_to(ROOT)} ({len(content):,} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
