"""The Portuguese (Brazil) demo locality: Vila Flor, a fictional Brazilian locality, its
local government and its organisations of people with disabilities
(civicnb/locale/pt_BR/glossary.yaml)."""

from __future__ import annotations

from civicnb.demo.content import DemoContent, Person
from civicnb.records import Side

__all__ = ["PORTUGUESE"]

PORTUGUESE = DemoContent(
    language="pt",
    name="Vila Flor",
    slug="vila-flor",
    country="Brasil",
    round_labels=("Linha de base", "Acompanhamento"),
    la_people=(
        Person("Maria Aparecida Souza", True, "social", "officer", "surdos"),
        Person("Servidor do Planejamento", False, "governo", "officer"),
        Person("José Carlos Ferreira", True, "obras", "officer", "cuidadoras"),
        Person("Referência da Saúde", False, "governo", "officer", "cuidadoras"),  # withheld
        Person("Servidora da Educação", False, "governo", "officer"),
        Person("Servidora da Cultura", False, "governo"),
        Person("Assessor do Gabinete", False, "governo", "officer"),
        Person("Vereador convidado", False, "governo", "elected"),
    ),
    cso_people=(
        Person("Ana Lúcia Barbosa", True, "surdos", "", "social"),
        Person("Ipê", False, "forum", "", "obras"),  # one anonymous: withheld
        Person("Rafael Augusto Lima", True, "cuidadoras"),
        Person("Jatobá", False, "forum"),
        Person("Borboleta", False, "forum"),  # Associação de mães de crianças autistas
        Person("Bromélia", False, "forum"),
        Person("Coletivo Rodas Livres", False, "forum"),
        Person("Conselho de usuários do SUS", False, "forum"),
    ),
    organisations=(
        ("social", Side.LA, "Secretaria Municipal de Assistência Social"),
        ("obras", Side.LA, "Secretaria de Obras e Infraestrutura"),
        ("governo", Side.LA, "Governo municipal (gabinete, secretarias e Câmara de Vereadores)"),
        ("surdos", Side.CSO, "Associação de Surdos de Vila Flor"),
        ("cuidadoras", Side.CSO, "Rede de cuidadoras e cuidadores"),
        ("forum", Side.CSO, "Fórum das organizações de pessoas com deficiência"),
    ),
    notes={
        "I": (
            "O Plano Plurianual menciona a deficiência, mas sem metas mensuráveis.",
            "As metas sociais, econômicas e ambientais não conversam entre si.",
            "A política para as pessoas com deficiência está em revisão desde 2023.",
        ),
        "II": (
            "As secretarias trabalham separadas; cada uma tem o seu próprio orçamento.",
            "O conselho de direitos se reúne, mas as decisões não saem do papel.",
            "Houve uma mesa intersetorial para o plano de mobilidade, com boa participação.",
        ),
        "III": (
            "As associações de moradores participam pouco do planejamento.",
            "As organizações formam lideranças, mas falta apoio para mantê-las.",
            "Não existe nenhum mecanismo para pensar nas futuras gerações.",
        ),
        "IV": (
            "Depois das enchentes de 2024 ninguém consultou as pessoas com deficiência.",
            "As feiras da agricultura familiar abriram espaço para empreendimentos inclusivos.",
            "As redes de vizinhos ajudaram muito durante a emergência.",
        ),
        "V": (
            "As reuniões acontecem sem intérprete de Libras.",
            "Usamos o World Café na audiência pública e funcionou bem.",
            "Participam sempre as mesmas pessoas; faltam jovens, quilombolas e indígenas.",
        ),
    },
    would_help=(
        "Intérprete de Libras em todas as reuniões.",
        "Publicar as atas em formatos acessíveis.",
        "Um orçamento participativo com recursos reservados para as organizações.",
        "",
        "",
    ),
    agreed=(
        "Há compromisso com o tripé da sustentabilidade, mas faltam metas de inclusão.",
        "A prefeitura convida, mas tarde: quando as decisões já foram tomadas.",
        "Combinamos que sem intérprete nem materiais acessíveis não há participação de verdade.",
    ),
    outcomes=(
        ("Educação inclusiva para todas as crianças", "Crianças com deficiência matriculadas", "%"),
        ("Emprego formal para pessoas com deficiência", "Pessoas com deficiência com carteira assinada", "pessoas"),
        ("Espaço público e transporte acessíveis e sustentáveis", "Pontos de ônibus acessíveis", "%"),
        ("Participação efetiva no Conselho dos Direitos da Pessoa com Deficiência", "Reuniões com as organizações", "reuniões/ano"),
        ("Serra da Boa Vista protegida e aberta a todas as pessoas", "", ""),
        ("Moradia acessível para pessoas com deficiência e pessoas idosas", "", ""),
    ),
    activities=(
        ("Programa de emprego inclusivo com a Associação Comercial", "Secretaria de Desenvolvimento Econômico"),
        ("Trilhas acessíveis no parque ecológico", "Secretaria de Obras e Infraestrutura"),
        ("Formação de professores em educação inclusiva", "Secretaria de Educação"),
        ("Feira da agricultura familiar com empreendimentos de pessoas com deficiência", "Associação dos produtores rurais"),
    ),
    actions=(
        (
            "Contratar intérprete de Libras para todas as reuniões públicas",
            "Secretaria Municipal de Assistência Social",
            "Amplia a participação; gera trabalho para intérpretes locais, mas em pequena escala.",
        ),
        (
            "Incluir metas de acessibilidade no Plano de Mobilidade",
            "Secretaria de Planejamento",
            "Passa nos cinco testes; articular com a região metropolitana.",
        ),
        (
            "Orçamento participativo com recursos reservados para as organizações de pessoas com deficiência",
            "Gabinete do Prefeito",
            "",
        ),
    ),
    assets=(
        "Associação de Surdos de Vila Flor: 120 associados, intérpretes voluntários",
        "Associação Comercial: programa de responsabilidade social",
        "Parque ecológico da Serra da Boa Vista e suas trilhas",
        "Mães cuidadoras com experiência em gestão comunitária",
        "Universidade pública com núcleo de prática jurídica",
    ),
    harvest=(
        ("Mesa 1", "O que o bairro tem de bom: os vizinhos se conhecem e se ajudam.", ("redes de vizinhos",)),
        ("Mesa 1", "O que falta: calçadas sem obstáculos para cadeiras de rodas.", ("acessibilidade", "espaço público")),
        ("Mesa 2", "Queremos ser consultados antes, não depois da decisão.", ("participação",)),
        ("Mesa 2", "Os jovens com deficiência não encontram trabalho depois da escola.", ("emprego", "jovens")),
        ("Mesa 3", "As informações da prefeitura não chegam em formatos acessíveis.", ("acessibilidade", "informação")),
        ("Mesa 3", "Celebrar as conquistas juntos: uma feira anual da inclusão.", ("celebração",)),
    ),
    groups=(
        ("Pessoas com deficiência", ""),
        ("Cuidadoras e cuidadores", ""),
        ("Pessoas idosas", "Convidar por meio dos centros de convivência."),
        ("Jovens", "Visitar as escolas e o conselho municipal de juventude."),
        ("Povos e comunidades tradicionais", "Procurar a associação quilombola e a aldeia indígena."),
        ("População migrante", "Conversar com o comitê de migrantes da Defensoria Pública."),
        ("Setor empresarial", ""),
        ("Órgãos públicos", ""),
    ),
)  # fmt: skip
