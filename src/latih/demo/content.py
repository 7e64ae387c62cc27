"""The content of the demo course "Pelatihan Dasar PPPK", as plain data.

Everything the demo course shows is described here: its sections in study order, their
materials, the texts of every document and the media files in ``media/``. The texts
are the project's own writing (titles of modules are facts); the media files are made by
``scripts/make_demo_media.py``, which reads this module, so the two never disagree.

``pdf_for`` and ``pptx_for`` turn a document material into real files for download. The
first line of each entry of ``DemoMaterial.pages`` is the heading of that page or slide;
the following lines are its paragraphs.

This module has no Django dependency: it is plain Python plus reportlab and python-pptx.
"""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Frame

COURSE_TITLE = "Pelatihan Dasar PPPK"
COURSE_SLUG = "latsar-pppk"
COURSE_DESCRIPTION = (
    "Pelatihan Dasar PPPK membekali Pegawai Pemerintah dengan Perjanjian Kerja yang baru "
    "diangkat dengan wawasan kebangsaan, nilai-nilai dasar ASN BerAKHLAK, serta pengetahuan "
    "tentang Smart ASN dan manajemen ASN. Materi dipelajari secara mandiri dan berurutan "
    "melalui video singkat, modul, paparan, audio, dan bacaan. Setiap agenda ditutup dengan "
    "jurnal resume yang ditinjau oleh fasilitator."
)
COURSE_RULES = "\n".join(
    (
        "Pelajari materi secara berurutan; agenda berikutnya terbuka setelah agenda "
        "sebelumnya selesai.",
        "Tonton setiap video sampai akhir sebelum menekan tombol Selesai Menonton.",
        "Setiap materi yang selesai memberi trofi; Anda memerlukan minimal 32 dari 50 trofi "
        "untuk menyelesaikan pelatihan.",
        "Tulis jurnal resume pada setiap agenda dan perbaiki bila dikembalikan oleh fasilitator.",
        "Evaluasi akademik dibuka pada hari ke-15 bagi peserta yang telah mengumpulkan "
        "minimal 28 trofi.",
        "Evaluasi akademik berlangsung 90 menit dan dikerjakan secara jujur dan mandiri.",
    )
)
WELCOME_VIDEO = "welcome.webm"
WELCOME_DURATION = 8.008  # measured with ffprobe


@dataclass(frozen=True)
class DemoMaterial:
    """One material of the demo course."""

    kind: str  # "video" | "pdf" | "slides" | "audio" | "text" | "link"
    title: str
    trophies: int = 1
    downloadable: bool = False
    # kind "text": the body as simple HTML; other kinds: a one-sentence description.
    text: str = ""
    url: str = ""  # kind "link": a public Indonesian government page
    media: str = ""  # kind video/audio: file name in media/
    duration: float = 0.0  # kind video/audio: duration of that file in seconds (ffprobe)
    pages: tuple[str, ...] = ()  # kind pdf/slides: heading line, then the paragraphs


@dataclass(frozen=True)
class DemoSection:
    """One section of the demo course, studied in order."""

    title: str
    journal_required: bool
    journal_prompt: str
    materials: tuple[DemoMaterial, ...]


# ---------------------------------------------------------------------------------------
# Materi Kebijakan
# ---------------------------------------------------------------------------------------

_KEBIJAKAN = DemoSection(
    title="Materi Kebijakan",
    journal_required=False,
    journal_prompt="",
    materials=(
        DemoMaterial(
            kind="video",
            title="Video: Selamat Datang di Pelatihan Dasar PPPK",
            text="Video pembuka singkat yang menyambut Anda dan memperkenalkan pelatihan ini.",
            media=WELCOME_VIDEO,
            duration=WELCOME_DURATION,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Kebijakan Pelatihan Dasar PPPK",
            trophies=2,
            downloadable=True,
            text="Modul yang menjelaskan alasan, dasar, tujuan, dan struktur pelatihan dasar "
            "bagi PPPK.",
            pages=(
                "Mengapa Ada Pelatihan Dasar\n"
                "Pegawai Pemerintah dengan Perjanjian Kerja (PPPK) adalah bagian dari Aparatur "
                "Sipil Negara yang diangkat berdasarkan perjanjian kerja untuk jangka waktu "
                "tertentu. Meskipun statusnya berbeda dengan PNS, PPPK memikul tanggung jawab "
                "yang sama dalam melayani masyarakat.\n"
                "Karena itu, setiap PPPK yang baru diangkat perlu dibekali pemahaman yang sama "
                "tentang peran ASN, nilai-nilai dasar yang dianut, dan cara bekerja di "
                "lingkungan pemerintahan. Pelatihan dasar menjadi titik awal pembekalan itu, "
                "sehingga pegawai baru dapat segera berkontribusi dengan sikap dan perilaku "
                "yang tepat.",
                "Dasar Kebijakan\n"
                "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara menegaskan "
                "bahwa setiap pegawai ASN, termasuk PPPK, berhak dan perlu terus mengembangkan "
                "kompetensinya. Lembaga Administrasi Negara berperan sebagai pembina "
                "pelatihan bagi ASN, sedangkan setiap instansi pemerintah bertanggung jawab "
                "mengikutsertakan pegawainya.\n"
                "Di platform Latih, kebijakan tersebut diwujudkan sebagai kursus daring yang "
                "dapat diikuti dari mana saja, dengan materi yang tersusun per agenda, "
                "pendampingan fasilitator, dan evaluasi akademik pada akhir pelatihan.",
                "Tujuan dan Hasil yang Diharapkan\n"
                "Setelah menyelesaikan pelatihan ini, peserta diharapkan mampu menjelaskan "
                "wawasan kebangsaan dan nilai bela negara, menerapkan nilai-nilai dasar ASN "
                "BerAKHLAK dalam tugas sehari-hari, memanfaatkan teknologi digital secara aman "
                "dan beretika, serta memahami kedudukan, hak, dan kewajibannya dalam manajemen "
                "ASN.\n"
                "Hasil belajar tidak hanya diukur dari nilai evaluasi. Sikap dan perilaku "
                "selama pelatihan, yang tercermin dari trofi dan jurnal resume, ikut "
                "menentukan kelulusan.",
                "Struktur Pelatihan\n"
                "Pelatihan ini terdiri atas Materi Kebijakan dan empat agenda. Agenda 1 "
                "membahas wawasan kebangsaan, isu kontemporer, dan kesiapsiagaan bela negara. "
                "Agenda 2 mengupas tujuh nilai dasar ASN BerAKHLAK. Agenda 3 membahas Smart "
                "ASN dan manajemen ASN. Agenda 4 berisi jurnal akhir dan evaluasi akademik.\n"
                "Setiap agenda terbuka setelah agenda sebelumnya selesai, dan setiap agenda "
                "ditutup dengan jurnal resume yang ditinjau oleh fasilitator.",
            ),
        ),
        DemoMaterial(
            kind="slides",
            title="Paparan: Alur Belajar dan Ketentuan Pelatihan",
            text="Paparan singkat tentang cara belajar di Latih, trofi, jurnal, dan evaluasi.",
            pages=(
                "Belajar Langkah demi Langkah\n"
                "Buka materi sesuai urutan yang tersedia. Setelah mempelajari satu materi, "
                "tekan tombol Selesai, atau Selesai Menonton untuk video, agar kemajuan Anda "
                "tercatat.\n"
                "Agenda berikutnya terbuka setelah seluruh materi dan jurnal resume pada agenda "
                "sebelumnya selesai. Kemajuan tersimpan otomatis, sehingga Anda dapat berhenti "
                "dan melanjutkan kapan saja dari perangkat mana pun."
                " Bila mengalami kendala teknis, hubungi admin instansi Anda.",
                "Trofi dan Kelulusan\n"
                "Setiap materi yang Anda selesaikan memberi trofi sebagai nilai sikap dan "
                "perilaku. Seluruh pelatihan menyediakan 50 trofi.\n"
                "Anda memerlukan minimal 32 trofi untuk menyelesaikan pelatihan dan minimal "
                "28 trofi untuk membuka evaluasi akademik. Video hanya dihitung selesai bila "
                "benar-benar ditonton sampai akhir, tetapi boleh ditonton ulang sesering yang "
                "Anda perlukan."
                " Materi lain dihitung selesai setelah Anda mempelajarinya dan menekan tombol "
                "Selesai.",
                "Jurnal Resume dan Evaluasi\n"
                "Pada akhir setiap agenda, tuliskan atau unggah jurnal resume: apa yang Anda "
                "pelajari dan bagaimana Anda akan menerapkannya. Fasilitator akan menerima "
                "jurnal Anda atau mengembalikannya dengan masukan untuk diperbaiki.\n"
                "Evaluasi akademik dibuka pada hari ke-15 pelatihan dan berlangsung selama 90 "
                "menit. Kerjakan dengan jujur dan mandiri."
                " Siapkan waktu yang tenang dan koneksi internet yang stabil, karena waktu terus "
                "berjalan sejak evaluasi dimulai.",
            ),
        ),
        DemoMaterial(
            kind="link",
            title="Tautan: Lembaga Administrasi Negara",
            text="Situs resmi Lembaga Administrasi Negara, pembina pelatihan bagi ASN.",
            url="https://lan.go.id/",
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# Agenda 1
# ---------------------------------------------------------------------------------------

_AGENDA_1 = DemoSection(
    title="Agenda 1 — Wawasan Kebangsaan dan Nilai Bela Negara",
    journal_required=True,
    journal_prompt=(
        "Tuliskan pemahaman Anda tentang wawasan kebangsaan dan nilai bela negara, satu isu "
        "kontemporer yang Anda temui di lingkungan kerja beserta analisisnya, dan langkah "
        "nyata yang akan Anda lakukan sebagai ASN."
    ),
    materials=(
        # Wawasan Kebangsaan dan Nilai Bela Negara
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Wawasan Kebangsaan",
            downloadable=True,
            text="Video pengantar tentang cara pandang bangsa Indonesia terhadap diri dan "
            "lingkungannya.",
            media="agenda1-wawasan-kebangsaan.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Wawasan Kebangsaan dan Nilai Bela Negara",
            trophies=2,
            downloadable=True,
            text="Modul tentang makna wawasan kebangsaan, nilai-nilai bela negara, dan "
            "penerapannya dalam tugas ASN.",
            pages=(
                "Makna Wawasan Kebangsaan\n"
                "Wawasan kebangsaan adalah cara pandang bangsa Indonesia tentang diri dan "
                "lingkungannya, yang mengutamakan persatuan dan kesatuan di tengah keberagaman "
                "suku, agama, bahasa, dan budaya. Cara pandang ini lahir dari perjalanan "
                "sejarah, mulai dari Kebangkitan Nasional, Sumpah Pemuda, hingga Proklamasi "
                "Kemerdekaan.\n"
                "Bagi ASN, wawasan kebangsaan bukan sekadar hafalan. Ia menjadi dasar sikap "
                "ketika melayani warga yang berbeda latar belakang dengan adil dan tanpa "
                "membeda-bedakan.",
                "Nilai-Nilai Dasar Bela Negara\n"
                "Bela negara adalah tekad, sikap, dan perilaku warga negara untuk menjaga "
                "kedaulatan dan keutuhan bangsa. Nilai dasarnya meliputi cinta tanah air, sadar "
                "berbangsa dan bernegara, setia pada Pancasila sebagai ideologi negara, rela "
                "berkorban untuk bangsa dan negara, serta kemampuan awal bela negara.\n"
                "Bela negara tidak selalu berarti mengangkat senjata. Bekerja dengan sungguh-"
                "sungguh, menjaga aset negara, dan menolak praktik yang merugikan masyarakat "
                "juga merupakan wujud bela negara.",
                "Penerapan dalam Tugas ASN\n"
                "Seorang ASN menerapkan wawasan kebangsaan dan nilai bela negara melalui hal-"
                "hal sederhana: datang tepat waktu, menyelesaikan pekerjaan dengan tuntas, "
                "menggunakan bahasa yang santun, dan menjaga kerukunan di tempat kerja.\n"
                "Ketika menghadapi perbedaan pendapat, ASN mengedepankan musyawarah dan "
                "kepentingan umum. Ketika melihat potensi perpecahan, ASN tidak ikut "
                "menyebarkan kabar yang belum jelas kebenarannya, tetapi membantu "
                "menyejukkan suasana.",
            ),
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Empat Konsensus Dasar Berbangsa",
            text=(
                "<h3>Empat fondasi yang disepakati bersama</h3>"
                "<p>Kehidupan berbangsa dan bernegara Indonesia bertumpu pada empat konsensus "
                "dasar. Keempatnya saling menguatkan dan menjadi rujukan bagi setiap ASN "
                "dalam bersikap dan mengambil keputusan.</p>"
                "<ul>"
                "<li><strong>Pancasila</strong> sebagai dasar negara dan ideologi yang "
                "menuntun cara kita hidup bersama.</li>"
                "<li><strong>Undang-Undang Dasar Negara Republik Indonesia Tahun 1945</strong> "
                "sebagai konstitusi yang mengatur penyelenggaraan negara.</li>"
                "<li><strong>Negara Kesatuan Republik Indonesia</strong> sebagai bentuk negara "
                "yang menyatukan seluruh wilayah dan warganya.</li>"
                "<li><strong>Bhinneka Tunggal Ika</strong> sebagai semboyan yang mengingatkan "
                "bahwa keberagaman adalah kekuatan.</li>"
                "</ul>"
                "<p>Coba renungkan: dalam pekerjaan Anda minggu ini, keputusan mana yang paling "
                "membutuhkan sikap adil terhadap warga yang berbeda latar belakang?</p>"
            ),
        ),
        # Analisis Isu Kontemporer
        DemoMaterial(
            kind="slides",
            title="Paparan: Menganalisis Isu Kontemporer",
            downloadable=True,
            text="Paparan tentang isu-isu strategis yang dihadapi ASN dan cara menganalisisnya.",
            pages=(
                "Isu Kontemporer di Sekitar Kita\n"
                "Isu kontemporer adalah persoalan yang sedang berkembang dan berdampak luas "
                "pada masyarakat maupun pemerintahan. Beberapa di antaranya adalah korupsi, "
                "penyalahgunaan narkoba, terorisme dan radikalisme, pencucian uang, serta "
                "kejahatan di ruang digital seperti hoaks, ujaran kebencian, dan penipuan "
                "daring.\n"
                "ASN perlu peka terhadap isu-isu ini karena banyak di antaranya menyentuh "
                "langsung layanan publik."
                " Memahami isu dengan baik membantu kita bersikap tepat dan tidak mudah "
                "terpancing.",
                "Dari Isu Menjadi Masalah yang Jelas\n"
                "Tidak semua isu dapat ditangani sekaligus. Langkah pertama adalah "
                "mengumpulkan fakta, lalu menyaring isu yang benar-benar aktual, problematik, "
                "menyangkut banyak orang, dan layak ditangani oleh unit kerja kita.\n"
                "Setelah itu, bandingkan isu-isu yang tersisa menurut tingkat kemendesakan, "
                "keseriusan, dan kemungkinan berkembangnya. Isu dengan nilai tertinggi menjadi "
                "prioritas untuk dianalisis lebih dalam."
                " Dengan cara ini, tenaga dan waktu yang terbatas digunakan untuk hal yang paling "
                "penting.",
                "Mencari Akar Masalah dan Gagasan\n"
                "Isu prioritas dianalisis untuk menemukan penyebabnya, misalnya dengan diagram "
                "tulang ikan yang memilah penyebab menurut manusia, metode, sarana, dan "
                "lingkungan.\n"
                "Dari akar masalah itu, susun gagasan pemecahan yang realistis dan sesuai "
                "kewenangan Anda. Gagasan yang baik menjawab penyebab utama, dapat dijalankan "
                "dengan sumber daya yang ada, dan mencerminkan nilai-nilai dasar ASN."
                " Tuangkan hasil analisis ini dalam jurnal resume Agenda 1.",
            ),
        ),
        DemoMaterial(
            kind="audio",
            title="Audio: Jeda Reflektif tentang Isu di Sekitar Kita",
            text="Rangkaian nada tenang untuk menemani jeda sejenak sambil memikirkan satu isu "
            "di lingkungan kerja Anda.",
            media="agenda1-isu-kontemporer.ogg",
            duration=15.0065,
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Alat Bantu Analisis Isu",
            text=(
                "<h3>Tiga pertanyaan sebelum bertindak</h3>"
                "<p>Ketika sebuah isu muncul di unit kerja, biasakan untuk tidak langsung "
                "mencari jalan keluar. Jawab dulu tiga pertanyaan berikut.</p>"
                "<ul>"
                "<li><strong>Seberapa mendesak?</strong> Apakah isu ini harus ditangani "
                "sekarang atau dapat menunggu?</li>"
                "<li><strong>Seberapa serius?</strong> Seberapa besar dampaknya bagi warga "
                "dan bagi kinerja organisasi?</li>"
                "<li><strong>Seberapa cepat berkembang?</strong> Apa yang terjadi jika isu "
                "ini dibiarkan?</li>"
                "</ul>"
                "<p>Beri nilai 1 sampai 5 untuk setiap pertanyaan, lalu jumlahkan. Isu dengan "
                "jumlah tertinggi menjadi prioritas. Setelah itu, telusuri penyebabnya satu "
                "per satu sebelum menyusun gagasan pemecahan.</p>"
            ),
        ),
        # Kesiapsiagaan Bela Negara
        DemoMaterial(
            kind="video",
            title="Video: Siap Siaga Bela Negara",
            text="Video pengantar tentang kesiapsiagaan jasmani dan mental sebagai bekal ASN.",
            media="agenda1-kesiapsiagaan-bela-negara.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Kesiapsiagaan Bela Negara bagi ASN",
            text="Modul tentang kesiapsiagaan jasmani, mental, dan kedisiplinan sebagai wujud "
            "bela negara.",
            pages=(
                "Apa Itu Kesiapsiagaan\n"
                "Kesiapsiagaan bela negara adalah keadaan siap secara jasmani, mental, dan "
                "sosial untuk menghadapi berbagai tantangan, baik bencana, gangguan keamanan, "
                "maupun perubahan yang cepat. Bagi ASN, kesiapsiagaan berarti tetap mampu "
                "menjalankan tugas dan melayani masyarakat dalam keadaan apa pun.\n"
                "Kesiapsiagaan tidak muncul tiba-tiba. Ia dibangun melalui kebiasaan sehari-"
                "hari yang dilakukan secara konsisten."
                " Modul ini membahas tiga bekal utamanya: jasmani, mental, dan disiplin.",
                "Jasmani dan Mental yang Sehat\n"
                "Tubuh yang bugar membantu kita bekerja lebih fokus dan tidak mudah lelah. "
                "Olahraga teratur, tidur cukup, dan makan dengan gizi seimbang adalah bagian "
                "dari kesiapsiagaan.\n"
                "Kesehatan mental sama pentingnya. Kenali tanda-tanda stres, kelola beban kerja "
                "dengan perencanaan yang baik, dan jangan ragu meminta bantuan rekan atau "
                "atasan ketika beban terasa terlalu berat. ASN yang sehat lebih siap "
                "membantu orang lain.",
                "Disiplin dan Kepedulian\n"
                "Kedisiplinan tampak pada hal-hal kecil: hadir tepat waktu, mengikuti upacara "
                "dan apel dengan tertib, serta mematuhi prosedur kerja. Kebiasaan ini "
                "melatih kita untuk bergerak cepat dan teratur ketika keadaan darurat.\n"
                "Kesiapsiagaan juga berarti peduli pada lingkungan sekitar. Ketahui jalur "
                "evakuasi di kantor, simpan nomor darurat, dan ikut serta dalam latihan "
                "penanggulangan bencana yang diadakan instansi."
                " Kesiapan satu orang dapat menyelamatkan banyak orang.",
            ),
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Kesiapsiagaan Dimulai dari Diri Sendiri",
            text=(
                "<h3>Periksa kesiapan Anda</h3>"
                "<p>Gunakan daftar berikut untuk menilai kesiapsiagaan Anda sendiri. Tidak ada "
                "jawaban benar atau salah; yang penting adalah kejujuran kepada diri "
                "sendiri.</p>"
                "<ul>"
                "<li>Apakah saya berolahraga setidaknya tiga kali dalam seminggu?</li>"
                "<li>Apakah saya tahu jalur evakuasi dan titik kumpul di kantor?</li>"
                "<li>Apakah saya menyimpan nomor darurat instansi dan keluarga?</li>"
                "<li>Apakah saya punya cara sehat untuk meredakan stres?</li>"
                "</ul>"
                "<p>Pilih <strong>satu</strong> hal yang belum Anda lakukan dan mulailah minggu "
                "ini. Catat perubahannya dalam jurnal resume Agenda 1.</p>"
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# Agenda 2
# ---------------------------------------------------------------------------------------

_AGENDA_2 = DemoSection(
    title="Agenda 2 — Nilai-Nilai Dasar ASN BerAKHLAK",
    journal_required=True,
    journal_prompt=(
        "Pilih dua nilai BerAKHLAK yang paling dekat dengan tugas Anda. Ceritakan contoh "
        "penerapannya dalam pekerjaan sehari-hari, hambatan yang Anda temui, dan rencana Anda "
        "untuk memperkuatnya."
    ),
    materials=(
        # Berorientasi Pelayanan
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Berorientasi Pelayanan",
            text="Video singkat yang memperkenalkan nilai pertama BerAKHLAK, Berorientasi "
            "Pelayanan.",
            media="agenda2-berorientasi-pelayanan.webm",
            duration=7.008,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Berorientasi Pelayanan",
            trophies=2,
            downloadable=True,
            text="Modul tentang makna pelayanan publik yang berpusat pada kebutuhan masyarakat.",
            pages=(
                "BerAKHLAK sebagai Nilai Dasar\n"
                "BerAKHLAK adalah nilai dasar bersama bagi seluruh ASN, dengan semangat Bangga "
                "Melayani Bangsa. Singkatannya memuat tujuh nilai: Berorientasi Pelayanan, "
                "Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, dan Kolaboratif.\n"
                "Ketujuh nilai ini bukan slogan untuk dihafal, melainkan pedoman perilaku. "
                "Modul-modul pada agenda ini membahas setiap nilai beserta contoh "
                "penerapannya di tempat kerja."
                " Modul ini dimulai dengan nilai pertama, Berorientasi Pelayanan, yang menjadi "
                "alasan utama keberadaan ASN.",
                "Memahami Kebutuhan Warga\n"
                "Berorientasi pelayanan berarti menempatkan kebutuhan masyarakat sebagai pusat "
                "pekerjaan. Pelayanan yang baik dimulai dari mendengarkan: apa yang sebenarnya "
                "dibutuhkan warga, apa yang menyulitkan mereka, dan informasi apa yang belum "
                "mereka ketahui.\n"
                "Dengan memahami kebutuhan itu, ASN dapat memberi layanan yang tepat sasaran, "
                "bukan sekadar menjalankan prosedur."
                " Tanyakan dengan sopan, dengarkan sampai selesai, lalu pastikan warga memahami "
                "langkah berikutnya yang harus mereka lakukan. Warga yang dipahami akan merasa "
                "dihargai.",
                "Ramah, Cekatan, dan Terus Memperbaiki\n"
                "Warga menilai pelayanan dari pengalaman mereka: disambut dengan ramah, "
                "dilayani dengan cepat, mendapat jalan keluar, dan dapat mengandalkan janji "
                "yang diberikan.\n"
                "Pelayanan yang baik juga tidak pernah selesai. Catat keluhan yang sering "
                "muncul, cari penyebabnya, dan usulkan perbaikan kecil yang dapat segera "
                "dijalankan. Perbaikan kecil yang terus-menerus lama-kelamaan mengubah "
                "wajah pelayanan publik."
                " Itulah makna bangga melayani bangsa dalam keseharian.",
            ),
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Melayani dengan Ramah dan Solutif",
            text=(
                "<h3>Satu loket, banyak cerita</h3>"
                "<p>Bayangkan seorang ibu datang ke kantor Anda untuk mengurus dokumen, tetapi "
                "salah satu persyaratannya tertinggal di rumah. Ada dua cara menanggapinya.</p>"
                "<ul>"
                "<li>Menolak dengan singkat dan memintanya datang lagi besok.</li>"
                "<li>Menjelaskan dengan ramah apa yang kurang, memeriksa apakah dokumen itu "
                "dapat dikirim secara daring, dan memastikan berkas lainnya sudah lengkap agar "
                "kunjungan berikutnya menjadi yang terakhir.</li>"
                "</ul>"
                "<p>Cara kedua tidak melanggar aturan, tetapi menunjukkan sikap "
                "<strong>berorientasi pelayanan</strong>: peduli, cekatan, dan mencari jalan "
                "keluar.</p>"
            ),
        ),
        # Akuntabel
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Akuntabel",
            downloadable=True,
            text="Video singkat tentang tanggung jawab atas setiap amanah yang diberikan.",
            media="agenda2-akuntabel.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Akuntabel dalam Tugas Sehari-hari",
            trophies=2,
            text="Modul tentang kejujuran, tanggung jawab, dan penggunaan sumber daya negara "
            "secara bertanggung jawab.",
            pages=(
                "Makna Akuntabel\n"
                "Akuntabel berarti siap mempertanggungjawabkan setiap amanah yang diterima. "
                "ASN yang akuntabel bekerja dengan jujur, cermat, dan disiplin, serta dapat "
                "menjelaskan apa yang dikerjakan, mengapa dikerjakan, dan bagaimana hasilnya.\n"
                "Akuntabilitas bukan hanya urusan laporan keuangan. Setiap tugas, sekecil apa "
                "pun, merupakan amanah yang suatu saat perlu dipertanggungjawabkan kepada "
                "atasan, masyarakat, dan hati nurani sendiri."
                " Karena itu, biasakan mendokumentasikan pekerjaan dengan rapi.",
                "Menggunakan Sumber Daya Negara\n"
                "Kendaraan dinas, alat tulis, listrik kantor, hingga jam kerja adalah milik "
                "negara yang dibiayai oleh rakyat. Menggunakannya secara hemat dan hanya untuk "
                "kepentingan dinas adalah wujud nyata akuntabilitas.\n"
                "Biasakan mencatat penggunaan barang, mengembalikan peralatan pada tempatnya, "
                "dan melaporkan kerusakan. Kebiasaan kecil ini membangun kepercayaan bahwa "
                "uang rakyat dikelola dengan baik."
                " Ingatlah bahwa efisiensi bukan berarti pelit, melainkan tepat guna.",
                "Tidak Menyalahgunakan Kewenangan\n"
                "Jabatan dan kewenangan diberikan untuk melayani, bukan untuk keuntungan "
                "pribadi, keluarga, atau kelompok. Menolak hadiah yang berkaitan dengan "
                "jabatan, menghindari konflik kepentingan, dan tidak mempercepat layanan "
                "bagi orang yang dikenal adalah contoh sikap akuntabel.\n"
                "Bila ragu, tanyakan pada diri sendiri: apakah saya berani menjelaskan "
                "keputusan ini secara terbuka di depan publik?"
                " Jika jawabannya tidak, itu tanda untuk berhenti dan berkonsultasi.",
            ),
        ),
        # Kompeten
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Kompeten",
            text="Video singkat tentang semangat terus belajar untuk bekerja lebih baik.",
            media="agenda2-kompeten.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="slides",
            title="Paparan: Belajar Sepanjang Karier",
            downloadable=True,
            text="Paparan tentang cara ASN menjaga dan meningkatkan kompetensinya.",
            pages=(
                "Kompeten Itu Terus Bertumbuh\n"
                "Kompeten berarti memiliki pengetahuan, keterampilan, dan sikap yang dibutuhkan "
                "untuk menjalankan tugas dengan baik. Tantangan pekerjaan berubah dari waktu ke "
                "waktu, sehingga kompetensi juga perlu terus diperbarui.\n"
                "ASN yang kompeten tidak menunggu disuruh belajar. Ia menyadari kekurangannya "
                "sendiri, mencari kesempatan untuk berkembang, dan menerapkan hal baru yang "
                "dipelajarinya dalam pekerjaan."
                " Kompetensi adalah bekal untuk melayani masyarakat dengan lebih baik.",
                "Banyak Jalan untuk Belajar\n"
                "Belajar tidak selalu berarti mengikuti pelatihan resmi. Anda dapat belajar "
                "dari rekan yang lebih berpengalaman, membaca peraturan terbaru di bidang "
                "tugas, mengikuti kursus daring, atau mengamati praktik baik di instansi lain.\n"
                "Susun rencana belajar sederhana untuk setahun ke depan: kompetensi apa yang "
                "ingin ditingkatkan, bagaimana caranya, dan bagaimana Anda akan mengukur "
                "kemajuannya."
                " Diskusikan rencana itu dengan atasan Anda.",
                "Kualitas Kerja dan Berbagi Ilmu\n"
                "Kompetensi terlihat dari hasil kerja. Periksa kembali pekerjaan sebelum "
                "diserahkan, pastikan datanya akurat, dan minta masukan dari pengguna hasil "
                "kerja Anda.\n"
                "ASN yang kompeten juga membantu orang lain belajar. Membagikan catatan, "
                "mengajari rekan baru, atau menuliskan langkah kerja yang jelas membuat "
                "pengetahuan tidak hilang ketika seseorang pindah tugas."
                " Organisasi yang anggotanya saling belajar akan tumbuh lebih kuat dan lebih siap "
                "menghadapi perubahan.",
            ),
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Berbagi Ilmu dengan Rekan Kerja",
            text=(
                "<h3>Pengetahuan yang dibagikan tidak berkurang</h3>"
                "<p>Di banyak kantor, cara menyelesaikan suatu pekerjaan hanya diketahui oleh "
                "satu orang. Ketika orang itu cuti atau pindah, pekerjaan tersendat. Nilai "
                "<strong>kompeten</strong> mengajak kita mencegah hal itu.</p>"
                "<ul>"
                "<li>Tuliskan langkah-langkah pekerjaan rutin Anda dalam bahasa yang "
                "sederhana.</li>"
                "<li>Ajak rekan baru mendampingi Anda saat mengerjakan tugas yang rumit.</li>"
                "<li>Sisihkan waktu singkat dalam rapat unit untuk berbagi hal baru yang Anda "
                "pelajari.</li>"
                "</ul>"
                "<p>Mengajarkan sesuatu kepada orang lain juga merupakan cara terbaik untuk "
                "memperdalam pemahaman kita sendiri.</p>"
            ),
        ),
        # Harmonis
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Harmonis",
            downloadable=True,
            text="Video singkat tentang saling menghargai dan membangun suasana kerja yang "
            "kondusif.",
            media="agenda2-harmonis.webm",
            duration=9.008,
        ),
        DemoMaterial(
            kind="audio",
            title="Audio: Jeda Refleksi tentang Keberagaman",
            text="Rangkaian nada lembut untuk menemani Anda merenungkan keberagaman di tempat "
            "kerja.",
            media="agenda2-harmonis-refleksi.ogg",
            duration=12.0065,
        ),
        # Loyal
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Loyal",
            text="Video singkat tentang kesetiaan kepada bangsa, negara, dan instansi.",
            media="agenda2-loyal.webm",
            duration=9.008,
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Loyal kepada Bangsa dan Negara",
            text=(
                "<h3>Kepada siapa kita setia?</h3>"
                "<p>Loyal bagi ASN berarti setia kepada Pancasila, Undang-Undang Dasar 1945, "
                "Negara Kesatuan Republik Indonesia, dan pemerintahan yang sah. Kesetiaan ini "
                "berada di atas kepentingan pribadi maupun golongan.</p>"
                "<p>Loyal tidak sama dengan selalu mengiyakan. Menyampaikan pendapat yang "
                "berbeda secara santun melalui jalur yang tepat justru merupakan bentuk "
                "kepedulian terhadap organisasi.</p>"
                "<ul>"
                "<li>Utamakan kepentingan bangsa dan negara di atas kepentingan sendiri.</li>"
                "<li>Jaga nama baik rekan, pimpinan, dan instansi, termasuk di media "
                "sosial.</li>"
                "<li>Sampaikan kritik kepada orang yang dapat memperbaikinya, bukan kepada "
                "publik.</li>"
                "</ul>"
            ),
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Menjaga Nama Baik dan Rahasia Jabatan",
            trophies=2,
            downloadable=True,
            text="Modul tentang sikap loyal dalam menjaga nama baik instansi dan kerahasiaan "
            "informasi.",
            pages=(
                "Nama Baik Dibangun Bersama\n"
                "Kepercayaan masyarakat kepada pemerintah dibangun dari perilaku setiap "
                "pegawainya. Satu tindakan tidak pantas dapat merusak citra seluruh instansi, "
                "sedangkan pelayanan yang tulus dapat memulihkannya.\n"
                "Karena itu, ASN yang loyal menjaga perilaku di dalam maupun di luar jam kerja, "
                "berbicara tentang instansinya secara adil, dan tidak menyebarkan masalah "
                "internal untuk mencari perhatian."
                " Nama baik instansi adalah tanggung jawab bersama.",
                "Rahasia Jabatan\n"
                "Dalam bekerja, ASN sering menangani informasi yang tidak boleh diketahui "
                "umum, seperti data pribadi warga, dokumen pengadaan yang belum diumumkan, atau "
                "hasil pemeriksaan. Menjaga kerahasiaan informasi tersebut adalah kewajiban.\n"
                "Simpan dokumen di tempat yang aman, jangan membicarakan perkara yang sedang "
                "ditangani di ruang publik, dan bagikan informasi hanya kepada pihak yang "
                "berwenang menerimanya."
                " Kewajiban ini tetap berlaku meskipun Anda sudah pindah tugas.",
                "Loyal di Ruang Digital\n"
                "Media sosial membuat setiap unggahan dapat tersebar luas dalam hitungan menit. "
                "Sebelum mengunggah, pastikan Anda tidak membuka informasi kedinasan, tidak "
                "merendahkan pihak lain, dan tidak ikut menyebarkan kabar yang belum jelas "
                "kebenarannya.\n"
                "Gunakan media sosial untuk hal yang bermanfaat, misalnya membagikan informasi "
                "layanan resmi instansi agar lebih mudah dijangkau oleh masyarakat."
                " Dengan begitu, ruang digital menjadi sarana pelayanan.",
            ),
        ),
        # Adaptif
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Adaptif",
            text="Video singkat tentang menghadapi perubahan dengan sikap terbuka dan inovatif.",
            media="agenda2-adaptif.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="slides",
            title="Paparan: Adaptif dan Inovatif",
            trophies=2,
            downloadable=True,
            text="Paparan tentang cara menyesuaikan diri dengan perubahan dan melahirkan inovasi.",
            pages=(
                "Perubahan Adalah Keniscayaan\n"
                "Aturan diperbarui, teknologi berkembang, dan harapan masyarakat terus "
                "meningkat. ASN yang adaptif tidak menolak perubahan, tetapi berusaha "
                "memahaminya dan menyesuaikan cara kerja dengan cepat.\n"
                "Sikap adaptif dimulai dari rasa ingin tahu: mengapa perubahan ini terjadi, "
                "apa dampaknya bagi pekerjaan saya, dan apa yang perlu saya pelajari agar "
                "tetap dapat melayani dengan baik."
                " Perubahan yang dipahami akan terasa lebih ringan.",
                "Dari Kebiasaan Menjadi Inovasi\n"
                "Inovasi tidak harus besar dan mahal. Mengganti formulir kertas dengan formulir "
                "daring, menyederhanakan alur persetujuan, atau membuat papan informasi yang "
                "lebih mudah dibaca adalah inovasi yang nyata bagi warga.\n"
                "Mulailah dari keluhan yang paling sering Anda dengar. Keluhan adalah petunjuk "
                "tentang bagian layanan yang paling membutuhkan cara baru."
                " Libatkan rekan kerja dan warga untuk menguji apakah cara baru itu benar-benar "
                "memudahkan.",
                "Bertindak Proaktif\n"
                "ASN yang adaptif tidak menunggu masalah membesar. Ia mengantisipasi "
                "kebutuhan, menyiapkan rencana cadangan, dan berani mencoba cara baru dalam "
                "skala kecil sebelum diterapkan secara luas.\n"
                "Ketika percobaan belum berhasil, catat pelajarannya dan perbaiki. Kegagalan "
                "kecil yang dipelajari dengan jujur jauh lebih berharga daripada kebiasaan "
                "lama yang tidak pernah dievaluasi."
                " Berbagilah pengalaman itu dengan unit lain agar mereka dapat belajar dari "
                "percobaan Anda.",
            ),
        ),
        DemoMaterial(
            kind="link",
            title="Tautan: Kementerian PANRB",
            text="Situs resmi Kementerian Pendayagunaan Aparatur Negara dan Reformasi "
            "Birokrasi, sumber informasi kebijakan ASN.",
            url="https://www.menpan.go.id/",
        ),
        # Kolaboratif
        DemoMaterial(
            kind="video",
            title="Video: Mengenal Nilai Kolaboratif",
            downloadable=True,
            text="Video singkat tentang bekerja sama untuk menghasilkan nilai tambah.",
            media="agenda2-kolaboratif.webm",
            duration=10.008,
        ),
        DemoMaterial(
            kind="slides",
            title="Paparan: Bekerja Lintas Unit",
            text="Paparan tentang membangun kerja sama dengan unit dan instansi lain.",
            pages=(
                "Mengapa Harus Berkolaborasi\n"
                "Banyak persoalan publik tidak dapat diselesaikan oleh satu unit saja. "
                "Penanganan stunting, misalnya, melibatkan layanan kesehatan, pendidikan, "
                "sanitasi, dan pemerintahan desa sekaligus.\n"
                "Kolaborasi menyatukan keahlian dan sumber daya yang tersebar di berbagai "
                "pihak. Hasilnya lebih besar daripada jumlah kerja masing-masing pihak yang "
                "berjalan sendiri-sendiri."
                " Ego sektoral, yaitu kebiasaan setiap unit hanya mengejar targetnya sendiri, "
                "adalah penghambat utama yang perlu diatasi bersama.",
                "Membuka Ruang bagi Semua Pihak\n"
                "ASN yang kolaboratif memberi kesempatan kepada orang lain untuk "
                "berkontribusi. Ia mengundang pendapat, mendengarkan dengan sungguh-sungguh, "
                "dan menghargai gagasan meskipun datang dari pihak yang lebih muda atau dari "
                "luar instansi.\n"
                "Keterbukaan ini membangun rasa saling percaya, modal utama setiap kerja "
                "sama yang berhasil."
                " Berikan pengakuan atas kontribusi setiap pihak, sekecil apa pun, dan tepati "
                "janji yang telah disepakati bersama.",
                "Langkah Praktis Kolaborasi\n"
                "Sepakati tujuan bersama sejak awal dan pastikan setiap pihak memahaminya. "
                "Bagi peran dengan jelas, tentukan siapa mengerjakan apa dan kapan.\n"
                "Gunakan saluran komunikasi yang mudah diakses semua pihak, bagikan "
                "perkembangan secara berkala, dan rayakan keberhasilan bersama. Ketika terjadi "
                "hambatan, bahas secara terbuka untuk mencari jalan keluar, bukan untuk "
                "mencari siapa yang salah."
                " Kolaborasi yang baik menjadi kebiasaan, bukan kegiatan sesaat.",
            ),
        ),
        DemoMaterial(
            kind="text",
            title="Bacaan: Kolaborasi yang Menghasilkan Nilai Tambah",
            text=(
                "<h3>Dari ego sektoral ke tujuan bersama</h3>"
                "<p>Ego sektoral terjadi ketika setiap unit hanya memikirkan target sendiri. "
                "Akibatnya, warga harus bolak-balik ke beberapa kantor untuk satu urusan.</p>"
                "<p>Nilai <strong>kolaboratif</strong> mengajak kita melihat layanan dari sudut "
                "pandang warga. Beberapa langkah yang dapat dimulai dari unit Anda:</p>"
                "<ul>"
                "<li>Petakan unit lain yang terlibat dalam layanan yang Anda tangani.</li>"
                "<li>Sepakati satu alur layanan yang sederhana dan jelas bagi warga.</li>"
                "<li>Bagikan data yang dibutuhkan agar warga tidak perlu menyerahkan dokumen "
                "yang sama berulang kali.</li>"
                "</ul>"
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# Agenda 3
# ---------------------------------------------------------------------------------------

_AGENDA_3 = DemoSection(
    title="Agenda 3 — Smart ASN dan Manajemen ASN",
    journal_required=True,
    journal_prompt=(
        "Refleksikan kebiasaan digital Anda sebagai ASN serta pemahaman Anda tentang hak, "
        "kewajiban, dan pengelolaan kinerja PPPK. Apa yang akan Anda ubah dalam cara bekerja "
        "setelah mempelajari agenda ini?"
    ),
    materials=(
        # Smart ASN
        DemoMaterial(
            kind="video",
            title="Video: Menjadi Smart ASN",
            trophies=2,
            text="Video pengantar tentang ASN yang cakap, aman, dan beretika di dunia digital.",
            media="agenda3-smart-asn.webm",
            duration=12.008,
        ),
        DemoMaterial(
            kind="pdf",
            title="Modul: Literasi Digital untuk ASN",
            trophies=2,
            downloadable=True,
            text="Modul tentang kecakapan, etika, keamanan, dan budaya digital bagi ASN.",
            pages=(
                "Empat Pilar Literasi Digital\n"
                "Literasi digital bukan hanya kemampuan menggunakan gawai. Ada empat hal yang "
                "saling melengkapi: kecakapan digital untuk memakai perangkat dan aplikasi "
                "dengan tepat, etika digital untuk berinteraksi secara santun, keamanan "
                "digital untuk melindungi data dan perangkat, serta budaya digital yang "
                "mencerminkan nilai-nilai Pancasila di ruang daring.\n"
                "Smart ASN menguasai keempatnya dan menggunakannya untuk melayani masyarakat."
                " Modul ini membahas cara menerapkannya dalam tugas sehari-hari.",
                "Aman di Dunia Digital\n"
                "Gunakan kata sandi yang panjang dan berbeda untuk setiap layanan, aktifkan "
                "verifikasi dua langkah, dan perbarui perangkat secara teratur. Waspadai pesan "
                "yang meminta kode rahasia atau mengajak membuka tautan mencurigakan, meskipun "
                "tampak berasal dari atasan atau instansi resmi.\n"
                "Data pribadi warga yang Anda kelola adalah amanah. Jangan menyimpannya di "
                "perangkat pribadi atau membagikannya melalui grup percakapan.",
                "Beretika dan Produktif\n"
                "Sebelum membagikan informasi, periksa sumbernya dan tanyakan apakah informasi "
                "itu benar, bermanfaat, dan pantas disebarkan. Hormati hak cipta dan sebutkan "
                "sumber ketika menggunakan karya orang lain.\n"
                "Manfaatkan teknologi untuk bekerja lebih efektif: dokumen bersama untuk "
                "menyusun laporan, rapat daring untuk menghemat waktu perjalanan, dan layanan "
                "daring agar warga tidak perlu datang ke kantor."
                " Teknologi adalah alat; nilai dan tujuan pelayanan tetap menjadi arah.",
            ),
        ),
        DemoMaterial(
            kind="link",
            title="Tautan: Badan Siber dan Sandi Negara",
            text="Situs resmi Badan Siber dan Sandi Negara, rujukan tentang keamanan siber.",
            url="https://www.bssn.go.id/",
        ),
        # Manajemen ASN
        DemoMaterial(
            kind="video",
            title="Video: Memahami Manajemen ASN",
            downloadable=True,
            text="Video pengantar tentang pengelolaan ASN yang berdasarkan sistem merit.",
            media="agenda3-manajemen-asn.webm",
            duration=12.008,
        ),
        DemoMaterial(
            kind="slides",
            title="Paparan: Hak, Kewajiban, dan Kinerja PPPK",
            trophies=2,
            text="Paparan tentang kedudukan PPPK, hak dan kewajibannya, serta pengelolaan kinerja.",
            pages=(
                "Kedudukan PPPK dalam ASN\n"
                "Aparatur Sipil Negara terdiri atas Pegawai Negeri Sipil dan Pegawai Pemerintah "
                "dengan Perjanjian Kerja. Keduanya menjalankan tugas pelayanan publik, tugas "
                "pemerintahan, dan tugas pembangunan tertentu.\n"
                "PPPK diangkat berdasarkan perjanjian kerja untuk jangka waktu tertentu sesuai "
                "kebutuhan instansi. Perjanjian kerja itulah yang memuat tugas, target "
                "kinerja, serta hak dan kewajiban Anda, sehingga penting untuk dibaca dan "
                "dipahami dengan baik.",
                "Hak dan Kewajiban\n"
                "Sebagai ASN, PPPK berhak atas penghasilan, penghargaan, pengembangan "
                "kompetensi, dan perlindungan sesuai ketentuan peraturan perundang-undangan.\n"
                "Di sisi lain, PPPK wajib setia kepada Pancasila, UUD 1945, NKRI, dan "
                "pemerintahan yang sah, menaati peraturan, melaksanakan tugas dengan penuh "
                "tanggung jawab, menjaga rahasia jabatan, serta menunjukkan integritas dan "
                "keteladanan. Hak dan kewajiban selalu berjalan bersama."
                " Pelajari perjanjian kerja Anda untuk mengetahui rinciannya.",
                "Kinerja dan Sistem Merit\n"
                "Manajemen ASN diselenggarakan berdasarkan sistem merit: keputusan tentang "
                "pegawai didasarkan pada kualifikasi, kompetensi, dan kinerja, tanpa "
                "membedakan latar belakang politik, suku, agama, atau jenis kelamin.\n"
                "Kinerja Anda dinilai dari sasaran yang disepakati dengan atasan dan dari "
                "perilaku kerja sehari-hari. Catat hasil kerja secara rutin dan diskusikan "
                "kemajuan dengan atasan, jangan hanya menunggu akhir periode penilaian."
                " Kinerja yang baik membuka peluang perpanjangan perjanjian kerja.",
            ),
        ),
        DemoMaterial(
            kind="link",
            title="Tautan: Badan Kepegawaian Negara",
            text="Situs resmi Badan Kepegawaian Negara, sumber informasi kepegawaian ASN.",
            url="https://www.bkn.go.id/",
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# Agenda 4
# ---------------------------------------------------------------------------------------

_AGENDA_4 = DemoSection(
    title="Agenda 4 — Jurnal Akhir dan Evaluasi",
    journal_required=True,
    journal_prompt=(
        "Susun jurnal akhir yang merangkum pembelajaran dari seluruh agenda, perubahan sikap "
        "dan perilaku yang Anda rasakan, serta rencana penerapan nilai-nilai ASN di unit "
        "kerja Anda selama tiga bulan ke depan."
    ),
    materials=(
        DemoMaterial(
            kind="text",
            title="Panduan: Jurnal Akhir dan Evaluasi Akademik",
            trophies=2,
            text=(
                "<h3>Jurnal akhir</h3>"
                "<p>Jurnal akhir adalah refleksi Anda atas seluruh pelatihan. Tulislah dengan "
                "bahasa Anda sendiri, jujur, dan berdasarkan pengalaman nyata. Jurnal yang "
                "baik memuat:</p>"
                "<ul>"
                "<li><strong>Ringkasan pembelajaran</strong> dari setiap agenda: satu atau dua "
                "gagasan yang paling Anda ingat.</li>"
                "<li><strong>Perubahan</strong> sikap dan perilaku yang sudah Anda rasakan "
                "atau lakukan selama pelatihan.</li>"
                "<li><strong>Rencana penerapan</strong> nilai-nilai ASN di unit kerja, lengkap "
                "dengan langkah konkret dan waktunya.</li>"
                "</ul>"
                "<p>Fasilitator akan membaca jurnal Anda. Bila dikembalikan dengan masukan, "
                "perbaiki dan kirimkan kembali.</p>"
                "<h3>Evaluasi akademik</h3>"
                "<p>Evaluasi akademik dibuka pada hari ke-15 pelatihan bagi peserta yang telah "
                "mengumpulkan minimal 28 trofi. Waktu pengerjaannya 90 menit sejak Anda "
                "memulai.</p>"
                "<ul>"
                "<li>Pastikan koneksi internet stabil dan perangkat cukup daya.</li>"
                "<li>Kerjakan sendiri tanpa bantuan orang lain.</li>"
                "<li>Baca setiap soal dengan teliti sebelum menjawab.</li>"
                "</ul>"
                "<p>Untuk menyelesaikan pelatihan, Anda memerlukan minimal 32 dari 50 trofi. "
                "Selamat menyelesaikan perjalanan belajar Anda.</p>"
            ),
        ),
        DemoMaterial(
            kind="audio",
            title="Audio: Jeda Refleksi Menjelang Evaluasi",
            downloadable=True,
            text="Rangkaian nada tenang untuk menemani Anda menenangkan diri sebelum menulis "
            "jurnal akhir dan mengikuti evaluasi.",
            media="agenda4-refleksi-akhir.ogg",
            duration=18.0065,
        ),
    ),
)

SECTIONS: tuple[DemoSection, ...] = (_KEBIJAKAN, _AGENDA_1, _AGENDA_2, _AGENDA_3, _AGENDA_4)


# ---------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------

_AUTHOR = "Latih"
_FIXED_TIME = dt.datetime(2026, 1, 1)  # stamped in the files, so that output is deterministic
_INK = (0.12, 0.23, 0.37)  # dark blue, used for titles and bands


def _split_page(material: DemoMaterial, page: str) -> tuple[str, list[str]]:
    """Return the heading and the paragraphs of one page."""
    lines = [line.strip() for line in page.strip().split("\n") if line.strip()]
    if len(lines) < 2:
        return material.title, lines
    return lines[0], lines[1:]


def pdf_for(material: DemoMaterial) -> bytes:
    """A real PDF of a pdf material (A4 portrait) or a slides material (16:9, one per page)."""
    if material.kind not in ("pdf", "slides") or not material.pages:
        raise ValueError(f"no PDF for a {material.kind!r} material")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, Paragraph

    slides = material.kind == "slides"
    size = (960.0, 540.0) if slides else A4
    width, height = size
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    canvas.setTitle(material.title)
    canvas.setAuthor(_AUTHOR)
    canvas.setSubject(COURSE_TITLE)
    canvas.setCreator(_AUTHOR)
    if slides:
        heading_style = ParagraphStyle(
            "h", fontName="Helvetica-Bold", fontSize=30, leading=36, textColor="white"
        )
        body_style = ParagraphStyle(
            "b", fontName="Helvetica", fontSize=20, leading=28, spaceAfter=14
        )
    else:
        title_style = ParagraphStyle(
            "t", fontName="Helvetica-Bold", fontSize=20, leading=24, textColor=_INK
        )
        heading_style = ParagraphStyle(
            "h", fontName="Helvetica-Bold", fontSize=15, leading=20, textColor=_INK, spaceAfter=10
        )
        body_style = ParagraphStyle(
            "b", fontName="Helvetica", fontSize=11.5, leading=17, spaceAfter=9
        )
    count = len(material.pages)
    for number, page in enumerate(material.pages, start=1):
        heading, paragraphs = _split_page(material, page)
        footer = f"Latih · {COURSE_TITLE} · {material.title}"
        body = [Paragraph(escape(text), body_style) for text in paragraphs]
        if slides:
            canvas.setFillColorRGB(*_INK)
            canvas.rect(0, height - 110, width, 110, stroke=0, fill=1)
            title = [Paragraph(escape(heading), heading_style)]
            _fill_frame(Frame(48, height - 105, width - 96, 100, showBoundary=0), title, canvas)
            _fill_frame(Frame(48, 56, width - 96, height - 180), body, canvas)
            canvas.setFont("Helvetica", 11)
            canvas.setFillGray(0.35)
            canvas.drawString(48, 24, footer)
            canvas.drawRightString(width - 48, 24, f"{number} / {count}")
        else:
            margin = 64.0
            canvas.setFont("Helvetica", 9)
            canvas.setFillGray(0.4)
            canvas.drawString(margin, height - 40, f"Latih · {COURSE_TITLE}")
            title = [Paragraph(escape(material.title), title_style)]
            _fill_frame(Frame(margin, height - 112, width - 2 * margin, 62), title, canvas)
            canvas.setStrokeColorRGB(*_INK)
            canvas.setLineWidth(1.5)
            canvas.line(margin, height - 118, width - margin, height - 118)
            story = [Paragraph(escape(heading), heading_style), *body]
            _fill_frame(Frame(margin, 64, width - 2 * margin, height - 200), story, canvas)
            canvas.setFont("Helvetica", 9)
            canvas.setFillGray(0.4)
            canvas.drawString(margin, 40, footer)
            canvas.drawRightString(width - margin, 40, f"Halaman {number} dari {count}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fill_frame(frame: "Frame", story: "list[Flowable]", canvas: "Canvas") -> None:
    """Draw a story into a frame; it must fit entirely."""
    frame.addFromList(story, canvas)
    if story:
        raise ValueError("page text does not fit on one page")


def pptx_for(material: DemoMaterial) -> bytes:
    """A real PowerPoint file (16:9) of a slides material: one slide per page."""
    if material.kind != "slides" or not material.pages:
        raise ValueError(f"no PowerPoint for a {material.kind!r} material")
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    presentation = Presentation()
    presentation.slide_width = Emu(12192000)  # 13.333 in
    presentation.slide_height = Emu(6858000)  # 7.5 in
    inch = 914400
    layout = presentation.slide_layouts[1]  # "Title and Content"
    ink = RGBColor(0x1F, 0x3B, 0x5E)
    for page in material.pages:
        heading, paragraphs = _split_page(material, page)
        slide = presentation.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top = Emu(int(0.6 * inch)), Emu(int(0.4 * inch))
        title.width, title.height = Emu(int(12.13 * inch)), Emu(int(1.2 * inch))
        title.text = heading
        for run in title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(36)
            run.font.bold = True
            run.font.color.rgb = ink
        body = slide.placeholders[1]
        body.left, body.top = Emu(int(0.6 * inch)), Emu(int(1.8 * inch))
        body.width, body.height = Emu(int(12.13 * inch)), Emu(int(4.9 * inch))
        frame = body.text_frame
        frame.word_wrap = True
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.space_after = Pt(12)
            for run in paragraph.runs:
                run.font.size = Pt(20)
        footer = slide.shapes.add_textbox(
            Emu(int(0.6 * inch)), Emu(int(6.85 * inch)), Emu(int(12.13 * inch)), Emu(inch // 2)
        )
        footer.text_frame.text = f"Latih · {COURSE_TITLE} · {material.title}"
        for run in footer.text_frame.paragraphs[0].runs:
            run.font.size = Pt(11)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    properties = presentation.core_properties
    properties.title = material.title
    properties.subject = COURSE_TITLE
    properties.author = _AUTHOR
    properties.last_modified_by = _AUTHOR
    properties.revision = 1
    properties.created = _FIXED_TIME
    properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    presentation.save(buffer)
    return _stamp_zip(buffer.getvalue())


def _stamp_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed member timestamps, for deterministic output."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
