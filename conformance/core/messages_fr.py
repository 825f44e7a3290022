"""French text of the suite's and the grader's messages (see conformance.core.messages).

Key: the English text exactly as the code writes it (placeholders ``{name}`` included); value: its
French. A message missing here is shown in English. Clause texts are not here: they come from
spec/protocole.md. Keep the placeholders, keep the text in the tone of the handout (« vous »).
"""
from __future__ import annotations

from typing import Dict

FRENCH: Dict[str, str] = {
    # -- a check's verdict (conformance/core/verdict.py) -----------------------------------------------
    "{clause} [{level}] broken": "{clause} [{level}] non respectée",
    "clause:": "clause :",
    "expected:": "attendu :",
    "seen:": "observé :",
    "not reached:": "non atteinte :",
    "not run:": "non lancée :",
    "advice ({clause} [{level}]): expected {expected}; seen {seen}":
        "conseil ({clause} [{level}]) : attendu {expected} ; observé {seen}",
    # -- the plugin (conformance/plugin.py) ------------------------------------------------------------
    "this install of the kit has no reference server to check (a student's install): "
    "say which server to check, e.g. `canaduck check server.py --step 3`, "
    "--server-cmd 'python3 server.py' or --target HOST:PORT":
        "cette installation du kit n'a pas de serveur de référence à vérifier (installation "
        "étudiante) : dites quel serveur vérifier, par exemple `canaduck check server.py --step 3`, "
        "--server-cmd 'python3 server.py' ou --target HÔTE:PORT",
    "nothing is listening at {address}: {problem}": "rien n'écoute à l'adresse {address} : {problem}",
    "server did not start: {error}": "le serveur n'a pas démarré : {error}",
    "step 4 needs the server's standard input for the operator's answers: use --server-cmd":
        "l'étape 4 a besoin de l'entrée standard du serveur pour les réponses de l'opérateur :"
        " utilisez --server-cmd",
    "--gentle: the checks that may crash or freeze the server were left out":
        "--gentle : les vérifications qui peuvent planter ou bloquer le serveur ont été laissées de côté",
    "the other checks did not finish in time: this one may crash the server":
        "les autres vérifications n'ont pas fini à temps : celle-ci peut planter le serveur",
    "no framing found (see FRAME-1): {problem}": "aucun cadrage trouvé (voir FRAME-1) : {problem}",
    # -- the run's summary (conformance/core/results.py, core/settings.py) -----------------------------
    "server started by the suite (--server-cmd)": "serveur lancé par la suite (--server-cmd)",
    "bundled reference server (reference_impl)": "serveur de référence fourni (reference_impl)",
    "target:  {target}": "cible :   {target}",
    "steps:   {steps}": "étapes :  {steps}",
    "framing: {framing}": "cadrage : {framing}",
    "not detected": "non détecté",
    "server did not start / not reachable: {error}": "serveur non démarré / injoignable : {error}",
    "clauses passed ({count}): {clauses}": "clauses respectées ({count}) : {clauses}",
    "clauses FAILED ({count}): {clauses}": "clauses NON RESPECTÉES ({count}) : {clauses}",
    "clauses not reached, because of another fault ({count}):":
        "clauses non atteintes, à cause d'une autre erreur ({count}) :",
    "advice, SHOULD not followed ({count}): {clauses}": "conseils, SHOULD non suivis ({count}) : {clauses}",
    "clauses that do not apply to this server's framing ({count}): {clauses}":
        "clauses qui ne s'appliquent pas au cadrage de ce serveur ({count}) : {clauses}",
    "THE SERVER DID NOT START: none of the {count} checks could be made.":
        "LE SERVEUR N'A PAS DÉMARRÉ : aucune des {count} vérifications n'a pu être faite.",
    "clauses not run ({count}): {clauses}": "clauses non vérifiées ({count}) : {clauses}",
    "PARTIAL VERDICT: the clauses not run were neither passed nor failed.":
        "VERDICT PARTIEL : les clauses non vérifiées ne sont ni respectées ni non respectées.",
    # -- what checks expected (conformance/checks/server/test_*.py; texts with no {placeholder} only) ---
    "then the server closes the connection": "puis le serveur ferme la connexion",
    "the session goes on after the error reply": "la session continue après la réponse d'erreur",
    "the session goes on after 'fin de journée' and 'enfin'":
        "la session continue après 'fin de journée' et 'enfin'",
    "the server closes the connection right after its reply":
        "le serveur ferme la connexion juste après sa réponse",
    "the reply 'fin' when the operator types 'fin'": "la réponse 'fin' quand l'opérateur tape 'fin'",
    "the operator's line as the reply": "la ligne de l'opérateur comme réponse",
    "the connection stayed open": "la connexion est restée ouverte",
    "the connection was gone": "la connexion était déjà fermée",
    "raw framing: a reply needs no terminator": "cadrage brut : une réponse n'a pas besoin de terminateur",
    "some clients were still waiting": "certains clients attendaient encore",
    "the unknown commands": "les commandes inconnues",
    "the malformed commands": "les commandes mal formées",
    "the non-arithmetic messages": "les messages non arithmétiques",
    "the same replies to a long line however TCP cuts it":
        "les mêmes réponses à une longue ligne, quelle que soit la façon dont TCP la découpe",
    # -- probes generated from the grammar (conformance/server_under_test/generated_probes.py) ----------
    "generated from the grammar (--seed {seed})": "générés depuis la grammaire (--seed {seed})",
    "shrinking (--seed {seed})": "réduction (--seed {seed})",
    "generated from the grammar with --seed {seed}": "généré depuis la grammaire avec --seed {seed}",
    "generated from the grammar with --seed {seed}, shrunk from {original}":
        "généré depuis la grammaire avec --seed {seed}, réduit à partir de {original}",
    # -- the grader's words (tools/grade/writers/describe.py) ------------------------------------------
    "graded": "noté",
    "did not start": "n'a pas démarré",
    "timed out": "temps dépassé",
    "not graded: time budget": "non noté : temps imparti épuisé",
    "**Not graded: time budget.** The grading platform gives each submission a limited time, "
    "and it ran out before this step could be checked to the end. This is not a fault found "
    "in your program; what could not be checked scores zero. Ask your teacher.":
        "**Non noté : temps imparti épuisé.** La plateforme de correction accorde à chaque rendu"
        " un temps limité, et il a été épuisé avant que cette étape puisse être vérifiée jusqu'au"
        " bout. Ce n'est pas une faute trouvée dans votre programme ; ce qui n'a pas pu être"
        " vérifié vaut zéro. Adressez-vous à votre enseignant.",
    "not graded (grader's problem)": "pas corrigé (problème du correcteur)",
    "no server": "pas de serveur",
    "passed": "réussie",
    "failed": "échouée",
    "error": "erreur",
    "advice": "conseil",
    "not checked": "non vérifiée",
    "not applicable": "ne s'applique pas",
    "not run": "non lancée",
    "does not apply": "ne s'applique pas",
    "advice (SHOULD not followed)": "conseil (SHOULD non suivi)",
    "another fault stopped the checks": "une autre erreur a arrêté les vérifications",
    "could not be checked because {reasons}": "n'a pas pu être vérifiée parce que {reasons}",
    "; and because ": " ; et parce que ",
    # -- feedback/<student>.md (tools/grade/writers/feedback.py) ---------------------------------------
    "# Feedback for {student}: step {step}": "# Retour pour {student} : étape {step}",
    "**Score: {score} / {max_score}** ({percent} %)": "**Note : {score} / {max_score}** ({percent} %)",
    "**Your server did not start**, so none of its behaviour could be checked and every "
    "clause below scores zero. This is not about wrong answers: the program stopped (or never "
    "listened on its port) before any client could connect. Fix the error below first: run "
    "`python server.py` yourself and read the first error it prints.":
        "**Votre serveur n'a pas démarré** : aucun de ses comportements n'a pu être vérifié et chaque"
        " clause ci-dessous vaut zéro. Il ne s'agit pas de mauvaises réponses : le programme s'est"
        " arrêté (ou n'a jamais écouté sur son port) avant qu'un client puisse se connecter. Corrigez"
        " d'abord l'erreur ci-dessous : lancez vous-même `python server.py` et lisez la première"
        " erreur affichée.",
    "**Grading was stopped** because checking your server took longer than the time allowed. "
    "It probably got stuck (an endless loop, for instance on an empty `recv()` when a client "
    "leaves) or stopped answering. What could not be checked scores zero.":
        "**La correction a été arrêtée** : vérifier votre serveur a pris plus que le temps permis."
        " Il s'est sans doute bloqué (une boucle sans fin, par exemple sur un `recv()` vide quand un"
        " client part) ou a cessé de répondre. Ce qui n'a pas pu être vérifié vaut zéro.",
    "**The grader itself failed** on your submission. This is not your fault: tell your "
    "teacher, who will grade it again.":
        "**Le correcteur lui-même a échoué** sur votre rendu. Ce n'est pas de votre faute :"
        " prévenez votre enseignant, qui le corrigera de nouveau.",
    "**No server was found** for this step in your submission folder, so nothing could run.":
        "**Aucun serveur n'a été trouvé** pour cette étape dans votre dossier de rendu : rien n'a "
        "pu être lancé.",
    "**Your server scores zero for this step**: {why}. Check that you handed in the right file "
    "for this step.":
        "**Votre serveur a zéro pour cette étape** : {why}. Vérifiez que vous avez rendu le bon "
        "fichier pour cette étape.",
    "## Not applicable to your server": "## Ne s'applique pas à votre serveur",
    "# Feedback for {student}: steps {steps}": "# Retour pour {student} : étapes {steps}",
    "**Total: {score} / {max_score}** ({percent} %). Your folder's layout: `{layout}`.":
        "**Total : {score} / {max_score}** ({percent} %). Organisation de votre dossier : "
        "`{layout}`.",
    "| step | server | score |": "| étape | serveur | note |",
    "not found": "introuvable",
    "They do not apply to the way your server works, so they count as held: {clauses}.":
        "Elles ne s'appliquent pas à la façon dont votre serveur fonctionne, donc elles comptent"
        " comme respectées : {clauses}.",
    "They do not apply to the way your client works, so they count as held: {clauses}.":
        "Elles ne s'appliquent pas à la façon dont votre client fonctionne, donc elles comptent"
        " comme respectées : {clauses}.",
    "## Advice (worth no points)": "## Conseils (sans points)",
    "SHOULD clauses your server does not follow; they cost nothing: {clauses}.":
        "Clauses SHOULD que votre serveur ne suit pas ; elles ne coûtent rien : {clauses}.",
    "SHOULD clauses your client does not follow; they cost nothing: {clauses}.":
        "Clauses SHOULD que votre client ne suit pas ; elles ne coûtent rien : {clauses}.",
    "(bonus: added to your score, not to its maximum)":
        "(bonus : ajouté à votre note, pas à son maximum)",
    # -- the grading policy (tools/grade/points.py), one line in the report and the feedback -------
    "steps {steps} when graded beside other steps":
        "étapes {steps} quand elles sont corrigées avec d'autres étapes",
    "step {part} worth {points}": "étape {part} : {points} points",
    "Points: {levels} (a clause at 0 is advice); a clause that does not apply counts as held; "
    "bonus, added to the score and not to the maximum: {bonus}, and a client when clients are "
    "not required":
        "Points : {levels} (une clause à 0 est un conseil) ; une clause qui ne s'applique pas "
        "compte comme respectée ; bonus, ajouté à la note et pas au maximum : {bonus}, et le "
        "client quand les clients ne sont pas exigés",
    "**The grader could not grade your submission**: {why}. This is not your fault and it is "
    "not a grade: your teacher's next run grades it again.":
        "**Le correcteur n'a pas pu corriger votre rendu** : {why}. Ce n'est pas de votre faute "
        "et ce n'est pas une note : la prochaine correction de votre enseignant le reprendra.",
    "What the grader saw when starting your server:": "Ce que le correcteur a vu au démarrage de votre serveur :",
    "Reason: {reason}": "Raison : {reason}",
    "Note: {reason}": "Remarque : {reason}",
    "Check `{nodeid}`: **{outcome}**, because the server did not start (see above).":
        "Vérification `{nodeid}` : **{outcome}**, car le serveur n'a pas démarré (voir plus haut).",
    "Check `{nodeid}`: **{outcome}**, because the client did not start (see above).":
        "Vérification `{nodeid}` : **{outcome}**, car le client n'a pas démarré (voir plus haut).",
    # -- limits that cannot hold for this user on this machine (tools/grade/cgroups.py) ----------
    "warning: {line}": "attention : {line}",
    "--mem {mem} holds per process only (address-space rlimit), not for a student's processes "
    "together: no cgroup here":
        "--mem {mem} ne vaut que par processus (limite d'espace d'adressage), pas pour l'ensemble "
        "des processus d'un étudiant : pas de cgroup ici",
    "--disk {disk} holds for the copy of the folder only (its size is checked): what the running "
    "code writes is bounded per file (--fsize), not in total: no tmpfs without root":
        "--disk {disk} ne vaut que pour la copie du dossier (sa taille est vérifiée) : ce qu'écrit "
        "le code pendant qu'il tourne est borné par fichier (--fsize), pas au total : pas de tmpfs "
        "sans root",
    # -- what the grader refused to read or copy of a folder (tools/grade/submissions.py) ---------
    "the grader refused part of your folder: {causes}":
        "le correcteur a refusé une partie de votre dossier : {causes}",
    "not regular files (named pipes, devices or sockets), not copied: {names}":
        "des fichiers spéciaux (tubes nommés, périphériques ou sockets), non copiés : {names}",
    "folders deeper than {depth} levels, not copied: {names}":
        "des dossiers à plus de {depth} niveaux de profondeur, non copiés : {names}",
    "files over the {limit} size limit, not copied: {names}":
        "des fichiers au-delà de la taille limite de {limit}, non copiés : {names}",
    "files beyond the {limit} disk limit of the whole submission, not copied: {names}":
        "des fichiers au-delà de la limite disque de {limit} pour tout le rendu, non copiés : {names}",
    "files or folders the grader cannot read, not copied: {names}":
        "des fichiers ou dossiers que le correcteur ne peut pas lire, non copiés : {names}",
    "more than {count} files and folders, the rest not copied: {names}":
        "plus de {count} fichiers et dossiers, le reste non copié : {names}",
    "paths longer than {length} bytes, not copied: {names}":
        "des chemins de plus de {length} octets, non copiés : {names}",
    "Check `{nodeid}`: **{outcome}**, for the same reason as `{first}` above.":
        "Vérification `{nodeid}` : **{outcome}**, pour la même raison que `{first}` plus haut.",
    "## What to fix ({count} clause)": "## À corriger ({count} clause)",
    "## What to fix ({count} clauses)": "## À corriger ({count} clauses)",
    "### {clause} [{level}]: {status}, {points} / {max_points} points":
        "### {clause} [{level}] : {status}, {points} / {max_points} points",
    "The rule ({spec}):": "La règle ({spec}) :",
    "No check of this clause ran for your server.": "Aucune vérification de cette clause n'a tourné sur votre serveur.",
    "This is a SHOULD clause: your server works without it, but does not follow "
    "the advice, so the clause earns none of its points.":
        "C'est une clause SHOULD : votre serveur fonctionne sans elle, mais ne suit pas le conseil,"
        " donc la clause ne rapporte aucun de ses points.",
    "Check `{nodeid}`: **{outcome}**.": "Vérification `{nodeid}` : **{outcome}**.",
    "What went wrong:": "Ce qui n'a pas marché :",
    "The conversation (`C>` the grader, `S>` your server):":
        "La conversation (`C>` le correcteur, `S>` votre serveur) :",
    "What your server printed (its error output shows a crash's traceback):":
        "Ce que votre serveur a affiché (sa sortie d'erreur montre la trace d'un plantage) :",
    "## Not checked ({count} clause)": "## Non vérifiée ({count} clause)",
    "## Not checked ({count} clauses)": "## Non vérifiées ({count} clauses)",
    "These clauses score zero because another fault kept the grader from "
    "checking them: your server has not shown that it follows them. Fix the fault "
    "named here and they will be checked next time.":
        "Ces clauses valent zéro parce qu'une autre erreur a empêché le correcteur de les vérifier :"
        " votre serveur n'a pas montré qu'il les respecte. Corrigez l'erreur nommée ici et elles"
        " seront vérifiées la prochaine fois.",
    "This clause {why}.": "Cette clause {why}.",
    "## What works": "## Ce qui marche",
    "{clause} [{level}]: {status}, {points} / {max_points} points":
        "{clause} [{level}] : {status}, {points} / {max_points} points",
    # -- report.html (tools/grade/writers/html_report.py) ----------------------------------------------
    "n/a: does not apply (in neither score nor maximum)":
        "n/a : ne s'applique pas (ni dans la note ni dans le maximum)",
    "The average and the class summary count the {ran} servers that ran.":
        "La moyenne et le bilan de la classe comptent les {ran} serveurs qui ont tourné.",
    "advice: SHOULD not followed (0 points)": "conseil : SHOULD non suivi (0 point)",
    "not checked: another fault came first (0 points)": "non vérifiée : une autre erreur est venue avant (0 point)",
    "not run (or server did not start)": "non lancée (ou serveur non démarré)",
    "student": "étudiant",
    "status": "état",
    "total": "total",
    "step {n}": "étape {n}",
    "Message": "Message",
    "Transcript": "Transcription",
    "Server stderr/stdout": "Sorties du serveur (stderr/stdout)",
    "CanaDuck grades, step {step}": "Notes CanaDuck, étape {step}",
    "CanaDuck grades: step {step}": "Notes CanaDuck : étape {step}",
    "{count} submissions, class average {mean} %, {not_started} did not run. Generated {generated}.":
        "{count} rendus, moyenne de la classe {mean} %, {not_started} non lancés. Généré le {generated}.",
    "Click a header to sort, a cell to see what the suite saw.":
        "Cliquez sur un en-tête pour trier, sur une case pour voir ce que la suite a vu.",
    "Students × clauses": "Étudiants × clauses",
    "Class summary: clauses most students lose": "Bilan de la classe : les clauses que le plus d'étudiants perdent",
    "clause": "clause",
    "students losing it": "étudiants qui la perdent",
    "text": "texte",
    "Close": "Fermer",
    # -- the grader, for the students' clients (tools/grade/writers/) ----------------------------------
    "no client": "pas de client",
    "client": "client",
    "clients": "clients",
    "**No client was found** for this step in your submission folder.":
        "**Aucun client n'a été trouvé** pour cette étape dans votre dossier de rendu.",
    "It does not count in your grade: only the clients handed in are graded.":
        "Cela ne compte pas dans votre note : seuls les clients rendus sont notés.",
    "**Your client did not start**, so none of its behaviour could be checked and every "
    "clause below scores zero. This is not about wrong behaviour: the program stopped before "
    "it talked to the server. Fix the error below first: run `python client.py` yourself "
    "and read the first error it prints.":
        "**Votre client n'a pas démarré** : aucun de ses comportements n'a pu être vérifié et "
        "chaque clause ci-dessous vaut zéro. Ce n'est pas une question de mauvais comportement : "
        "le programme s'est arrêté avant de parler au serveur. Corrigez d'abord l'erreur "
        "ci-dessous : lancez vous-même `python client.py` et lisez la première erreur affichée.",
    "**Grading was stopped** because checking your client took longer than the time allowed. "
    "It probably got stuck (waiting for a reply that never comes, or after the server "
    "closed). What could not be checked scores zero.":
        "**La correction a été arrêtée** car la vérification de votre client a dépassé le temps "
        "accordé. Il est sans doute resté bloqué (à attendre une réponse qui ne vient pas, ou "
        "après la fermeture par le serveur). Ce qui n'a pas pu être vérifié vaut zéro.",
    "What the grader saw when starting your client:":
        "Ce que le correcteur a vu au démarrage de votre client :",
    "No check of this clause ran for your client.":
        "Aucune vérification de cette clause n'a tourné sur votre client.",
    "This is a SHOULD clause: your client works without it, but does not follow "
    "the advice, so the clause earns none of its points.":
        "C'est une clause SHOULD : votre client fonctionne sans elle, mais ne suit pas le "
        "conseil, donc la clause ne rapporte aucun de ses points.",
    "These clauses score zero because another fault kept the grader from "
    "checking them: your client has not shown that it follows them. Fix the fault "
    "named here and they will be checked next time.":
        "Ces clauses valent zéro car une autre erreur a empêché le correcteur de les vérifier : "
        "votre client n'a pas montré qu'il les respecte. Corrigez l'erreur indiquée et elles "
        "seront vérifiées la prochaine fois.",
    "## Not applicable to your client": "## Ne s'applique pas à votre client",
    "The conversation (`C>` your client, `S>` the grader playing the server):":
        "La conversation (`C>` votre client, `S>` le correcteur qui joue le serveur) :",
    "What your client printed (its error output shows a crash's traceback):":
        "Ce que votre client a affiché (sa sortie d'erreur montre la trace d'un plantage) :",
    "# Feedback for {student}: step {step}, client": "# Retour pour {student} : étape {step}, client",
    "The client columns grade each student's client, with the suite playing the "
    "server; {ran} of {count} clients ran, and the total counts them.":
        "Les colonnes client notent le client de chaque étudiant, la suite jouant le serveur ; "
        "{ran} clients sur {count} ont tourné, et le total les compte.",
    # -- checking a client (--client-cmd: conformance/checks/client/test_*.py, client_under_test/session.py) ---
    "client started by the suite (--client-cmd), the suite playing the server":
        "client lancé par la suite (--client-cmd), la suite jouant le serveur",
    "client did not start: {error}": "le client n'a pas démarré : {error}",
    "THE CLIENT DID NOT START: none of the {count} checks could be made.":
        "LE CLIENT N'A PAS DÉMARRÉ : aucune des {count} vérifications n'a pu être faite.",
    "the client did not connect (exited with code {code})":
        "le client ne s'est pas connecté (il s'est terminé avec le code {code})",
    "the client did not connect within {timeout} s": "le client ne s'est pas connecté en {timeout} s",
    "the client sent nothing for the typed line {line} (see CLIENT-1)":
        "le client n'a rien envoyé pour la ligne tapée {line} (voir CLIENT-1)",
    "the client ended (exit code {code}) before sending the typed line {line}":
        "le client s'est terminé (code {code}) avant d'envoyer la ligne tapée {line}",
    "the client ended before sending the typed line {line}":
        "le client s'est terminé avant d'envoyer la ligne tapée {line}",
    "the client does not print a reply sent whole (see CLIENT-2)":
        "le client n'affiche pas une réponse envoyée d'un seul bloc (voir CLIENT-2)",
    "the client sent no greeting (see CLIENT-7)": "le client n'a envoyé aucune salutation (voir CLIENT-7)",
    "one message for the typed line {line}: {data} ({rule})":
        "un message pour la ligne tapée {line} : {data} ({rule})",
    "the text then '\\n'": "le texte puis '\\n'",
    "the text alone, nothing added": "le texte seul, rien d'ajouté",
    "nothing within {timeout} s": "rien en {timeout} s",
    "a greeting (one non-empty message) as soon as the client is connected, nothing typed":
        "une salutation (un message non vide) dès que le client est connecté, sans rien taper",
    "the reply {reply} printed on one line": "la réponse {reply} affichée sur une ligne",
    "not on any line of the client's standard output within {timeout} s: {tail}":
        "sur aucune ligne de la sortie standard du client en {timeout} s : {tail}",
    "the reply {reply}, sent in two pieces, printed whole on one line":
        "la réponse {reply}, envoyée en deux morceaux, affichée entière sur une ligne",
    "a reply of 1024 bytes (multi-byte characters, SIZE-1) printed whole on one line":
        "une réponse de 1024 octets (caractères multi-octets, SIZE-1) affichée entière sur une ligne",
    "the client ended without sending it": "le client s'est terminé sans l'envoyer",
    "after {word} the client ends on its own: exit code 0, no traceback, no other line typed":
        "après {word} le client se termine de lui-même : code de sortie 0, pas de traceback, sans autre"
        " ligne tapée",
    "once the server has closed the connection the client ends (at the latest after the next typed line):"
    " exit code 0, no traceback, no flood":
        "une fois la connexion fermée par le serveur, le client se termine (au plus tard après la ligne"
        " tapée suivante) : code de sortie 0, pas de traceback, pas de flot de sortie",
    "a clear message, a non-zero exit code, no traceback":
        "un message clair, un code de sortie non nul, pas de traceback",
    "after the operator's reply 'fin' the client ends on its own: exit code 0, no traceback, no other line typed":
        "après la réponse 'fin' de l'opérateur, le client se termine de lui-même : code de sortie 0, pas de"
        " traceback, sans autre ligne tapée",
    "still running {timeout} s later": "toujours en marche {timeout} s après",
    "exit code {code}": "code de sortie {code}",
    "exit code 0": "code de sortie 0",
    "a traceback": "une traceback",
    "a flood of output": "un flot de sortie",
    "no message": "aucun message",
    # -- the student's command line (conformance/cli.py) -----------------------------------------------
    "no clause {clause} in {spec}": "pas de clause {clause} dans {spec}",
    "Step {step}: the clauses that apply": "Étape {step} : les clauses qui s'appliquent",
    "Step {step}: the clauses that apply to the client": "Étape {step} : les clauses qui s'appliquent au client",
}
